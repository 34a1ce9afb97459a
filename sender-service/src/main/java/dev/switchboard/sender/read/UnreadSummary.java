package dev.switchboard.sender.read;

import java.util.List;

/**
 * {@code {"total":3,"chats":[...],"nextCursor":"..."}}: the sum of the caller's unread counts over all their chats,
 * and one page of the chats with unread messages (count above 0), latest activity first; nextCursor null at the end.
 */
public record UnreadSummary(long total, List<UnreadChat> chats, String nextCursor) {

    public UnreadSummary {
        chats = List.copyOf(chats);
    }
}
