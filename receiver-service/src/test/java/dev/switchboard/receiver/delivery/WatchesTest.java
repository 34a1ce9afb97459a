package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.testing.FakeRecipient;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchesTest {

    private final Watches watches = new Watches(new RemovedMembers());
    private static final Instant ISSUED = Instant.now().minusSeconds(60);
    private final Instant later = Instant.now().plusSeconds(600);

    @Test
    void aConnectionWatchesAtMostTheLimitAndARenewalIsNotAnotherChat() {
        LocalConnection connection = new LocalConnection(new FakeRecipient("c1", "alice"));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertEquals(Watches.Outcome.WATCHING, watches.watch(connection, first, ISSUED, later, 2));
        assertEquals(Watches.Outcome.WATCHING, watches.watch(connection, second, ISSUED, later, 2));
        assertEquals(Watches.Outcome.TOO_MANY, watches.watch(connection, UUID.randomUUID(), ISSUED, later, 2));
        assertEquals(
                Watches.Outcome.WATCHING,
                watches.watch(connection, first, ISSUED, later.plusSeconds(60), 2),
                "a renewal");

        assertEquals(later.plusSeconds(60), connection.watched().get(first));
        assertArrayEquals(new LocalConnection[] {connection}, watches.watchers(first));
    }

    @Test
    void unwatchingAndClosingLeaveNoWatcherBehind() {
        LocalConnection alice = new LocalConnection(new FakeRecipient("c1", "alice"));
        LocalConnection bob = new LocalConnection(new FakeRecipient("c2", "bob"));
        UUID chat = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        watches.watch(alice, chat, ISSUED, later, 10);
        watches.watch(bob, chat, ISSUED, later, 10);
        watches.watch(alice, other, ISSUED, later, 10);

        watches.unwatch(bob, chat);
        assertArrayEquals(new LocalConnection[] {alice}, watches.watchers(chat));
        assertFalse(bob.watches(chat, Instant.now()));

        watches.unwatchAll(alice);
        assertEquals(0, watches.watchers(chat).length);
        assertEquals(0, watches.watchers(other).length);
        assertEquals(0, watches.watchedChats());
    }

    @Test
    void aGrantThatExpiredNoLongerCounts() {
        LocalConnection alice = new LocalConnection(new FakeRecipient("c1", "alice"));
        UUID chat = UUID.randomUUID();
        watches.watch(alice, chat, ISSUED, Instant.now().plusSeconds(5), 10);

        assertTrue(alice.watches(chat, Instant.now()));
        assertFalse(alice.watches(chat, Instant.now().plusSeconds(6)));
    }

    @Test
    void aRemovedMemberStopsWatchingAndNoGrantFromBeforeTheRemovalWatchesAgain() {
        LocalConnection alice = new LocalConnection(new FakeRecipient("a1", "alice"));
        LocalConnection bob = new LocalConnection(new FakeRecipient("b1", "bob"));
        UUID chat = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        watches.watch(alice, chat, ISSUED, later, 10);
        watches.watch(bob, chat, ISSUED, later, 10);
        watches.watch(bob, other, ISSUED, later, 10);

        Instant removedAt = Instant.now();
        watches.membersRemoved(chat, java.util.List.of("bob"), removedAt);

        assertArrayEquals(new LocalConnection[] {alice}, watches.watchers(chat));
        assertArrayEquals(new LocalConnection[] {bob}, watches.watchers(other), "only that chat");
        assertEquals(Watches.Outcome.REMOVED, watches.watch(bob, chat, ISSUED, later, 10), "the old grant");
        assertEquals(
                Watches.Outcome.REMOVED,
                watches.watch(bob, chat, removedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), later, 10),
                "a grant of the same second: refused, failing closed");
        assertEquals(
                Watches.Outcome.WATCHING,
                watches.watch(bob, chat, removedAt.plusSeconds(1), later, 10),
                "added back: a grant issued after the removal");
        assertEquals(Watches.Outcome.WATCHING, watches.watch(alice, chat, ISSUED, later, 10), "others unaffected");
    }
}
