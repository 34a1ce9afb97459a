package dev.switchboard.sender.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.membership.Member;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The unread rule's SQL form, evaluated by PostgreSQL, and its Java form give the same count. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class UnreadRuleTest {

    @Test
    void theSqlAndTheJavaFormOfTheRuleAgree() {
        long[][] cases = {{0, 0, 0}, {10, 0, 0}, {10, 4, 0}, {10, 4, 3}, {10, 10, 0}, {1_000_000, 17, 250}};
        for (long[] c : cases) {
            long lastSeq = c[0];
            Member member = new Member("bob", c[1], c[2]);
            long fromSql = TestDatabase.queryLong(
                    "SELECT " + UnreadRule.countSql("m", "c.last_seq")
                            + " FROM (VALUES (?::bigint, ?::bigint)) AS m(last_read_seq, uncounted_above_mark),"
                            + " (VALUES (?::bigint)) AS c(last_seq)",
                    member.lastReadSeq(),
                    member.uncountedAboveMark(),
                    lastSeq);
            assertEquals(fromSql, UnreadRule.count(lastSeq, member), "last seq " + lastSeq + ", " + member);
        }
    }

    @Test
    void aNewMemberStartsWithNothingUnread() {
        assertEquals(0, UnreadRule.count(42, new Member("carol", UnreadRule.markOfNewMember(42), 0)));
    }
}
