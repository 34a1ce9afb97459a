package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import dev.switchboard.events.Message;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A chat in the caller's chat list: the Chat fields, its newest message (a tombstone when that one was deleted;
 * null while the chat has none) and the caller's unread count.
 */
public record ChatSummary(
        UUID id,
        String name,
        List<String> memberIds,
        String createdBy,
        Instant createdAt,
        long lastSeq,
        Message lastMessage,
        long unreadCount) {

    public static ChatSummary of(Chat chat, Message lastMessage, long unreadCount) {
        return new ChatSummary(
                chat.id(),
                chat.name(),
                chat.memberIds(),
                chat.createdBy(),
                chat.createdAt(),
                chat.lastSeq(),
                lastMessage,
                unreadCount);
    }
}
