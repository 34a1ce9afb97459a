package dev.switchboard.sender.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.chat.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreadChangesTest {

    @Test
    void onlyCountsThatDifferFromBeforeAreChanges() {
        List<Member> before = List.of(new Member("alice", 5, 0), new Member("bob", 3, 2), new Member("carol", 0, 5));

        Map<String, Long> changed = UnreadChanges.between(before, Map.of("alice", 0L, "bob", 3L, "carol", 6L));

        assertEquals(Map.of("bob", 3L, "carol", 6L), changed);
        assertEquals(List.of("bob", "carol"), List.copyOf(changed.keySet()));
    }

    @Test
    void countsOfUsersWhoWereNoMembersAreIgnored() {
        assertEquals(Map.of(), UnreadChanges.between(List.of(new Member("alice", 0, 0)), Map.of("mallory", 1L)));
    }

    @Test
    void aSendChangesEveryOtherMembersCountAndTheSendersOnlyWhenItHadUnread() {
        // Counts as a send reads them: already counting the new message, the sender's mark not moved yet.
        List<Member> caughtUp = List.of(new Member("alice", 4, 1), new Member("bob", 2, 3), new Member("carol", 5, 0));
        assertEquals(Map.of("bob", 3L, "carol", 0L), UnreadChanges.afterSend(caughtUp, "alice"));

        List<Member> behind = List.of(new Member("alice", 1, 4), new Member("bob", 2, 3));
        assertEquals(Map.of("alice", 0L, "bob", 3L), UnreadChanges.afterSend(behind, "alice"));
    }
}
