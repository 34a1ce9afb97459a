package dev.switchboard.sender.receipt;

import dev.switchboard.events.EventData;
import dev.switchboard.sender.membership.Member;
import java.util.List;

/**
 * The one definition of the delivered mark and of a chat's ticks. Read implies delivered: a member's delivered mark
 * is the greater of the stored one and the read mark, so a read, a send (which reads the chat up to the sender's
 * message) or a join moves it without writing it. A chat's ticks are the lowest marks over its members: every message
 * up to {@code deliveredToAllSeq} reached every member, up to {@code readByAllSeq} every member read it. A sender's
 * own marks are at or above their message, so for a message the lowest marks are those of the others.
 */
public final class ReceiptRule {

    private ReceiptRule() {}

    /** The delivered mark as an SQL expression over the {@code chat_members} row with this alias. */
    public static String deliveredSql(String member) {
        return "GREATEST(" + member + ".last_delivered_seq, " + member + ".last_read_seq)";
    }

    public static long delivered(Member member) {
        return delivered(member.lastDeliveredSeq(), member.lastReadSeq());
    }

    /** The delivered mark from the stored delivered and read marks. */
    public static long delivered(long storedDeliveredSeq, long lastReadSeq) {
        return Math.max(storedDeliveredSeq, lastReadSeq);
    }

    public static EventData.ReceiptMark mark(Member member) {
        return new EventData.ReceiptMark(member.userId(), delivered(member), member.lastReadSeq());
    }

    /** The ticks of a chat with these members (0 and 0 for none). */
    public static ReceiptTicks ticks(List<Member> members) {
        if (members.isEmpty()) {
            return new ReceiptTicks(0, 0);
        }
        long delivered = Long.MAX_VALUE;
        long read = Long.MAX_VALUE;
        for (Member member : members) {
            delivered = Math.min(delivered, delivered(member));
            read = Math.min(read, member.lastReadSeq());
        }
        return new ReceiptTicks(delivered, read);
    }
}
