package dev.switchboard.sender.read;

import dev.switchboard.sender.chat.Member;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Which members' unread counts a change really changed: the audience and data of unreadCountUpdated. */
public final class UnreadChanges {

    private UnreadChanges() {
    }

    /**
     * @param before the members as read under the chat row lock, before the change
     * @param after  new counts of (some of) them
     * @return the new counts that differ from the old ones, by user id
     */
    public static SortedMap<String, Long> between(List<Member> before, Map<String, Long> after) {
        SortedMap<String, Long> changed = new TreeMap<>();
        for (Member member : before) {
            Long count = after.get(member.userId());
            if (count != null && count != member.unreadCount()) {
                changed.put(member.userId(), count);
            }
        }
        return changed;
    }
}
