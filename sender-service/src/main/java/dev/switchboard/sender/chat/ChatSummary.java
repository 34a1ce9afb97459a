package dev.switchboard.sender.chat;

import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import dev.switchboard.events.MessagePreview;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A chat in the caller's chat list: what a list line needs, bounded whatever the chat's size. The members are
 * counted, not listed: {@code memberPreview} holds at most {@link #MEMBER_PREVIEW} of them (other than the caller,
 * in id order); {@code GET /api/v1/chats/{chatId}/members} pages through all. The newest message is a preview
 * (null while the chat has none, or when the caller may not read it: {@code sinceJoin}). {@code role} is the
 * caller's own.
 */
public record ChatSummary(
        UUID id,
        String name,
        int memberCount,
        List<String> memberPreview,
        String createdBy,
        Instant createdAt,
        long lastSeq,
        HistoryVisibility historyVisibility,
        MemberRole role,
        MessagePreview lastMessage,
        long unreadCount) {

    public static final int MEMBER_PREVIEW = 5;

    public ChatSummary {
        memberPreview = List.copyOf(memberPreview);
    }
}
