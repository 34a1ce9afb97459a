package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.testing.FakeRecipient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();

    private LocalConnection add(String connectionId, String userId) {
        LocalConnection connection = new LocalConnection(new FakeRecipient(connectionId, userId));
        registry.add(connection);
        return connection;
    }

    @Test
    void concurrentAddsWithinACapRegisterExactlyTheCap() throws Exception {
        int cap = 20;
        List<Boolean> outcomes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 300; i++) {
                String id = "c" + i;
                threads.submit(() -> {
                    start.await();
                    outcomes.add(registry.addWithin(new LocalConnection(new FakeRecipient(id, "mallory")), cap));
                    return null;
                });
            }
            start.countDown();
        }

        assertEquals(cap, outcomes.stream().filter(added -> added).count());
        assertEquals(cap, registry.byUser("mallory").length);
        assertEquals(cap, registry.size(), "the refused ones are not findable by id either");
    }

    @Test
    void findsConnectionsByUser() {
        LocalConnection alice = add("c1", "alice");
        LocalConnection bob = add("c2", "bob");

        assertEquals(List.of(alice), List.of(registry.byUser("alice")));
        assertEquals(List.of(bob), List.of(registry.byUser("bob")));
        assertTrue(registry.byUser("carol").length == 0);
        assertEquals(Optional.of(bob), registry.byId("c2"));
        assertEquals(2, registry.size());
    }

    @Test
    void keepsEveryConnectionOfOneUser() {
        LocalConnection laptop = add("c1", "alice");
        LocalConnection phone = add("c2", "alice");

        assertEquals(Set.of(laptop, phone), Set.of(registry.byUser("alice")));

        registry.remove("c1");
        assertEquals(List.of(phone), List.of(registry.byUser("alice")));
    }

    @Test
    void removingTheLastConnectionForgetsTheUser() {
        add("c1", "alice");

        registry.remove("c1");

        assertTrue(registry.byUser("alice").length == 0);
        assertTrue(registry.byId("c1").isEmpty());
        assertTrue(registry.all().isEmpty());
    }

    @Test
    void removingAnUnknownOrRemovedConnectionIsHarmless() {
        add("c1", "alice");

        registry.remove("nope");
        registry.remove("c1");
        registry.remove("c1");

        assertEquals(0, registry.size());
    }

    @Test
    void aLookupIsASnapshotThatLaterChangesDoNotTouch() {
        LocalConnection laptop = add("c1", "alice");
        LocalConnection phone = add("c2", "alice");
        LocalConnection tablet = add("c3", "alice");
        LocalConnection[] before = registry.byUser("alice");

        registry.remove("c2");
        LocalConnection watch = add("c4", "alice");

        assertEquals(List.of(laptop, phone, tablet), List.of(before));
        assertEquals(List.of(laptop, tablet, watch), List.of(registry.byUser("alice")));
    }
}
