package dev.switchboard.sender.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.membership.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreadChangesTest {

    @Test
    void onlyCountsThatDifferFromBeforeAreChanges() {
        // In a chat whose last seq is 5, unread counts before: alice 0, bob 2, carol 5.
        List<Member> before = List.of(new Member("alice", 5, 0), new Member("bob", 3, 0), new Member("carol", 0, 0));

        Map<String, Long> changed = UnreadChanges.between(5, before, Map.of("alice", 0L, "bob", 3L, "carol", 6L));

        assertEquals(Map.of("bob", 3L, "carol", 6L), changed);
        assertEquals(List.of("bob", "carol"), List.copyOf(changed.keySet()));
    }

    @Test
    void countsOfUsersWhoWereNoMembersAreIgnored() {
        assertEquals(Map.of(), UnreadChanges.between(0, List.of(new Member("alice", 0, 0)), Map.of("mallory", 1L)));
    }

    @Test
    void aSendChangesEveryOtherMembersCountAndTheSendersOnlyWhenItHadUnread() {
        // Read state as a send reads it, the sender's mark not moved yet; the message sent is seq 5. Counts
        // counting it: alice 1 (had 0 before), bob 3, carol 0 (carol's mark is already 5: a stale case, kept).
        List<Member> caughtUp = List.of(new Member("alice", 4, 0), new Member("bob", 2, 0), new Member("carol", 5, 0));
        assertEquals(Map.of("bob", 3L, "carol", 0L), UnreadChanges.afterSend(caughtUp, "alice", 5));

        // alice had 3 unread before her send, so her count changes to 0.
        List<Member> behind = List.of(new Member("alice", 1, 0), new Member("bob", 2, 0));
        assertEquals(Map.of("alice", 0L, "bob", 3L), UnreadChanges.afterSend(behind, "alice", 5));
    }
}
