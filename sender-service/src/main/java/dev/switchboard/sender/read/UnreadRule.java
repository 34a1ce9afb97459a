package dev.switchboard.sender.read;

import dev.switchboard.sender.membership.Member;

/**
 * The one definition of a member's unread count, and of the read-mark moves that keep it exact. Change how unread
 * counts work here, and only here: every query and every event that carries a count takes it from this class.
 * <p>
 * The rule (contract): the messages of the chat with a seq above the member's read mark, not sent by the member,
 * not deleted. It is derived, never stored per message (migration V4): {@code chats.last_seq - last_read_seq -
 * uncounted_above_mark}, where {@code uncounted_above_mark} counts the deleted messages above the mark. That holds
 * because a member's own messages are never above their mark (a send moves the sender's mark to it) and every
 * change of a chat runs under its row lock. A send therefore writes one member row, whatever the chat's size.
 * <p>
 * The count is given twice, as SQL for the statements that report counts ({@link #countSql}) and as Java for member
 * rows already read under the lock ({@link #count}); {@code UnreadRuleTest} keeps the two equal.
 */
public final class UnreadRule {

    /**
     * The sender's read mark after a send: they have read the chat up to their own message, nothing above it is
     * uncounted. A {@code SET} list of an {@code UPDATE chat_members}, with the message's seq as {@code $3}.
     */
    public static final String MARK_OF_SENDER_AFTER_SEND =
            "last_read_seq = GREATEST(last_read_seq, $3), uncounted_above_mark = 0";

    private UnreadRule() {}

    /**
     * The unread count as an SQL expression.
     *
     * @param member  alias of a {@code chat_members} row
     * @param lastSeq SQL for the chat's last seq, e.g. {@code c.last_seq}
     */
    public static String countSql(String member, String lastSeq) {
        return "(" + lastSeq + " - " + member + ".last_read_seq - " + member + ".uncounted_above_mark)";
    }

    /** The unread count of a member row read under the chat lock, in a chat whose last seq is {@code lastSeq}. */
    public static long count(long lastSeq, Member member) {
        return lastSeq - member.lastReadSeq() - member.uncountedAboveMark();
    }

    /** Where a member who joins a chat starts: everything so far read. Joining is not a pile of badges. */
    public static long markOfNewMember(long lastSeq) {
        return lastSeq;
    }
}
