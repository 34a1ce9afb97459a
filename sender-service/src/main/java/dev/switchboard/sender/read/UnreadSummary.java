package dev.switchboard.sender.read;

import java.util.List;

/** {@code {"total":3,"chats":[...]}}: the caller's chats with unread messages (count above 0) and their sum. */
public record UnreadSummary(long total, List<UnreadChat> chats) {

    public static UnreadSummary of(List<UnreadChat> chats) {
        return new UnreadSummary(
                chats.stream().mapToLong(UnreadChat::unreadCount).sum(), List.copyOf(chats));
    }
}
