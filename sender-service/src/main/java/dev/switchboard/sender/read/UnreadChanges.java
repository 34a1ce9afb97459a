package dev.switchboard.sender.read;

import dev.switchboard.sender.chat.Member;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Which members' unread counts a change really changed: the audience and data of unreadCountUpdated. */
public final class UnreadChanges {

    private UnreadChanges() {}

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

    /**
     * The counts a send changed: every other member's (one more), and the sender's (now 0) when they had unread
     * messages before.
     *
     * @param members  as read under the chat row lock, each count already counting the new message
     * @param senderId the member who sent it
     */
    public static SortedMap<String, Long> afterSend(List<Member> members, String senderId) {
        SortedMap<String, Long> changed = new TreeMap<>();
        for (Member member : members) {
            if (!member.userId().equals(senderId)) {
                changed.put(member.userId(), member.unreadCount());
            } else if (member.unreadCount() - 1 != 0) {
                changed.put(senderId, 0L);
            }
        }
        return changed;
    }
}
