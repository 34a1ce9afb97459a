package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RemovedMembersTest {

    private final RemovedMembers removed = new RemovedMembers();

    @Test
    void aRemovalIsRememberedForLongerThanAnyGrantLivesAndThenForgotten() {
        UUID chat = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-06T10:00:00.500Z");
        removed.removed(chat, List.of("bob"), at);
        Instant issued = at.minus(RemovedMembers.MAX_GRANT_LIFETIME).plusSeconds(1); // the oldest grant still valid
        assertTrue(removed.grantPredatesRemoval(chat, "bob", issued));
        assertFalse(removed.grantPredatesRemoval(chat, "carol", issued), "only the removed user");
        assertFalse(removed.grantPredatesRemoval(UUID.randomUUID(), "bob", issued), "only that chat");

        removed.removed(
                UUID.randomUUID(),
                List.of("dave"),
                at.plus(RemovedMembers.RETENTION).plusSeconds(1));
        assertFalse(removed.grantPredatesRemoval(chat, "bob", issued), "forgotten once no grant of then can be valid");
        assertEquals(1, removed.size());
    }

    @Test
    void atMostTheBoundIsHeldTheOldestForgottenFirst() {
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        UUID first = UUID.randomUUID();
        removed.removed(first, List.of("u0"), at);
        for (int i = 1; i <= RemovedMembers.MAX_ENTRIES; i++) {
            removed.removed(UUID.randomUUID(), List.of("u" + i), at);
        }
        assertEquals(RemovedMembers.MAX_ENTRIES, removed.size());
        assertFalse(removed.grantPredatesRemoval(first, "u0", at.minusSeconds(5)));
    }
}
