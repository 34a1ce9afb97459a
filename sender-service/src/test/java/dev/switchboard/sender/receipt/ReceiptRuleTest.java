package dev.switchboard.sender.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventData;
import dev.switchboard.events.MemberRole;
import dev.switchboard.sender.membership.Member;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptRuleTest {

    @Test
    void aReadMarkAboveTheStoredDeliveredMarkCountsAsDelivered() {
        assertEquals(7, ReceiptRule.delivered(member("bob", 7, 3)));
        assertEquals(9, ReceiptRule.delivered(member("bob", 7, 9)));
        assertEquals(new EventData.ReceiptMark("bob", 7, 7), ReceiptRule.mark(member("bob", 7, 3)));
    }

    @Test
    void theTicksAreTheLowestMarksOverAllMembers() {
        List<Member> members = List.of(member("alice", 10, 0), member("bob", 4, 8), member("carol", 6, 6));

        assertEquals(new ReceiptTicks(6, 4), ReceiptRule.ticks(members));
    }

    @Test
    void inAOneToOneChatTheTicksAreTheOtherMembersMarksForTheSendersMessages() {
        // alice sent 1..5 (her read mark follows her sends); bob got up to 4 and read up to 2.
        List<Member> members = List.of(member("alice", 5, 0), member("bob", 2, 4));

        assertEquals(new ReceiptTicks(4, 2), ReceiptRule.ticks(members));
    }

    @Test
    void noMembersHaveNoTicks() {
        assertEquals(new ReceiptTicks(0, 0), ReceiptRule.ticks(List.of()));
    }

    private static Member member(String userId, long read, long delivered) {
        return new Member(userId, read, 0, MemberRole.MEMBER, 0, Instant.EPOCH, delivered);
    }
}
