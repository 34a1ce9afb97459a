package dev.switchboard.sender.read;

import dev.switchboard.sender.membership.Member;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Which members' unread counts a change really changed: the audience and data of unreadCountUpdated. */
public final class UnreadChanges {

    private UnreadChanges() {}

    /**
     * @param lastSeq the chat's last seq before the change
     * @param before  the members as read under the chat row lock, before the change
     * @param after   new counts of (some of) them
     * @return the new counts that differ from the old ones, by user id
     */
    public static SortedMap<String, Long> between(long lastSeq, List<Member> before, Map<String, Long> after) {
        SortedMap<String, Long> changed = new TreeMap<>();
        for (Member member : before) {
            Long count = after.get(member.userId());
            if (count != null && count != UnreadRule.count(lastSeq, member)) {
                changed.put(member.userId(), count);
            }
        }
        return changed;
    }

    /**
     * The counts a send changed: every other member's (one more), and the sender's (now 0) when they had unread
     * messages before.
     *
     * @param members  as read under the chat row lock, before the send
     * @param senderId the member who sent it
     * @param seq      the seq of the message sent: the chat's last seq after the send
     */
    public static SortedMap<String, Long> afterSend(List<Member> members, String senderId, long seq) {
        SortedMap<String, Long> changed = new TreeMap<>();
        for (Member member : members) {
            if (!member.userId().equals(senderId)) {
                changed.put(member.userId(), UnreadRule.count(seq, member));
            } else if (UnreadRule.count(seq - 1, member) != 0) {
                changed.put(senderId, 0L);
            }
        }
        return changed;
    }
}
