package dev.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code data} payloads of the events whose data is not simply a {@link Message} or {@link Chat}. */
public final class EventData {

    private EventData() {}

    /** messageDeleted */
    public record MessageDeleted(UUID id, UUID chatId, long seq) {}

    /** chatUpdated: the chat after the change, plus the members it lost. */
    public record ChatUpdated(
            UUID id,
            String name,
            List<String> memberIds,
            String createdBy,
            Instant createdAt,
            long lastSeq,
            List<String> removedMemberIds) {
        public static ChatUpdated of(Chat chat, List<String> removedMemberIds) {
            return new ChatUpdated(
                    chat.id(),
                    chat.name(),
                    chat.memberIds(),
                    chat.createdBy(),
                    chat.createdAt(),
                    chat.lastSeq(),
                    List.copyOf(removedMemberIds));
        }
    }

    /** chatMessageNotification */
    public record ChatMessageNotification(UUID chatId, String chatName, String senderId, Message message) {}

    /** messageUpdateForChatList */
    public record ChatListUpdate(UUID chatId, long lastSeq, Message lastMessage) {}

    /** unreadCountUpdated as published: one event carries the new count of every member whose count changed. */
    public record UnreadCounts(UUID chatId, Map<String, Long> counts) {}

    /** unreadCountUpdated as one client sees it: cut down to that client's own count. */
    public record UnreadCount(UUID chatId, String userId, long unreadCount) {}

    /** messageReadUpdated */
    public record ReadMark(UUID chatId, String userId, long lastReadSeq, Instant readAt) {}
}
