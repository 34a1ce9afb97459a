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

    private final Watches watches = new Watches();
    private final Instant later = Instant.now().plusSeconds(600);

    @Test
    void aConnectionWatchesAtMostTheLimitAndARenewalIsNotAnotherChat() {
        LocalConnection connection = new LocalConnection(new FakeRecipient("c1", "alice"));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertTrue(watches.watch(connection, first, later, 2));
        assertTrue(watches.watch(connection, second, later, 2));
        assertFalse(watches.watch(connection, UUID.randomUUID(), later, 2));
        assertTrue(watches.watch(connection, first, later.plusSeconds(60), 2), "a renewal");

        assertEquals(later.plusSeconds(60), connection.watched().get(first));
        assertArrayEquals(new LocalConnection[] {connection}, watches.watchers(first));
    }

    @Test
    void unwatchingAndClosingLeaveNoWatcherBehind() {
        LocalConnection alice = new LocalConnection(new FakeRecipient("c1", "alice"));
        LocalConnection bob = new LocalConnection(new FakeRecipient("c2", "bob"));
        UUID chat = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        watches.watch(alice, chat, later, 10);
        watches.watch(bob, chat, later, 10);
        watches.watch(alice, other, later, 10);

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
        watches.watch(alice, chat, Instant.now().plusSeconds(5), 10);

        assertTrue(alice.watches(chat, Instant.now()));
        assertFalse(alice.watches(chat, Instant.now().plusSeconds(6)));
    }
}
