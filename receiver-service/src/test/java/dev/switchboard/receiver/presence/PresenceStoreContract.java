package dev.switchboard.receiver.presence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Partitions;
import dev.switchboard.receiver.subscription.EventSubscription;
import dev.switchboard.receiver.subscription.SubscriptionConfig;
import dev.switchboard.receiver.testing.ChannelListener;
import dev.switchboard.runtime.testing.ConfigMappings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PresenceStore} must do, whatever the Redis topology: a user is online while any connection holds
 * them, the flips (and only the flips) are published on the user's partition channel where the receivers' own
 * subscription hears them, and an expired user is swept once.
 */
abstract class PresenceStoreContract {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final EventChannels CHANNELS = new EventChannels("switchboard:", new Partitions(4));
    static final SubscriptionConfig SUBSCRIPTION = ConfigMappings.read(SubscriptionConfig.class, Map.of());

    private List<String> heard;
    private ChannelListener listener;

    protected abstract PresenceStore store();

    /** The receiver's subscription of the same topology, not started. */
    protected abstract EventSubscription subscription();

    @BeforeEach
    void listen() {
        listener = ChannelListener.listening(subscription(), CHANNELS, WAIT);
        heard = listener.heard();
    }

    @AfterEach
    void stopListening() {
        listener.close();
    }

    @Test
    void onlineWithTheFirstConnectionOfflineWithTheLastAndOnlyTheFlipsArePublished() throws Exception {
        String user = "u-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        long later = now + 60_000;
        String channel = CHANNELS.channel(
                EventType.PRESENCE_CHANGED, CHANNELS.partitions().ofUser(user));

        get(store().connected(user, "c1", later, now, "online-1"));
        get(store().connected(user, "c2", later, now, "online-2"));
        assertEquals(List.of(new PresenceStore.State(user, true, now)), get(store().states(List.of(user), now)));
        get(store().disconnected(user, "c1", now + 1, "offline-1"));
        get(store().disconnected(user, "c2", now + 2, "offline-2"));
        get(store().disconnected(user, "c2", now + 3, "offline-again"));

        await().atMost(WAIT).until(() -> heard.size() >= 2);
        assertEquals(List.of(channel + " online-1", channel + " offline-2"), heard);
        assertEquals(
                List.of(new PresenceStore.State(user, false, now + 2)), get(store().states(List.of(user), now + 3)));
    }

    @Test
    void usersWhoseConnectionsAllExpiredAreSweptOnceAndTheirOfflineGoesOutUnlessTheyCameBack() throws Exception {
        String gone = "gone-" + UUID.randomUUID();
        String back = "back-" + UUID.randomUUID();
        String renewed = "renewed-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        get(store().connected(gone, "g1", now + 100, now, "online"));
        get(store().connected(back, "b1", now + 100, now, "online"));
        get(store().connected(renewed, "r1", now + 100, now, "online"));
        assertEquals(List.of(), get(store().refresh(List.of(new PresenceStore.Held(renewed, "r1")), now + 60_000)));

        long afterExpiry = now + 1_000;
        List<PresenceStore.Expired> swept = new java.util.ArrayList<>();
        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            swept.addAll(get(store().sweep(partition, afterExpiry, 100)));
        }
        assertEquals(
                List.of(gone, back).stream().sorted().toList(),
                swept.stream().map(PresenceStore.Expired::userId).sorted().toList(),
                "the renewed user stays");
        assertTrue(swept.stream().allMatch(e -> e.lastExpiryMillis() == now + 100));
        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            assertEquals(List.of(), get(store().sweep(partition, afterExpiry, 100)), "swept once");
        }

        get(store().connected(back, "b2", afterExpiry + 60_000, afterExpiry, "back-online"));
        get(store().expired(gone, now, afterExpiry, "gone-offline"));
        get(store().expired(back, now, afterExpiry, "back-offline"));
        // A fence on back's channel: published after anything the calls above published there.
        String fence = userInPartitionOf(back);
        get(store().connected(fence, "f1", afterExpiry + 60_000, afterExpiry, "fence-online"));
        await().atMost(WAIT)
                .until(() -> heard.stream().anyMatch(h -> h.endsWith(" fence-online"))
                        && heard.stream().anyMatch(h -> h.endsWith(" gone-offline")));
        assertTrue(heard.stream().anyMatch(h -> h.endsWith(" back-online")), heard.toString());
        assertFalse(heard.stream().anyMatch(h -> h.endsWith(" back-offline")), "back came back: " + heard);
        assertFalse(get(store().states(List.of(gone), afterExpiry)).getFirst().online());
        assertTrue(get(store().states(List.of(back), afterExpiry)).getFirst().online());
    }

    @Test
    void aRenewalTellsWhichConnectionsRedisNoLongerHad() throws Exception {
        String user = "u-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        get(store().connected(user, "kept", now + 60_000, now, "online"));

        List<PresenceStore.Held> missing = get(store().refresh(
                        List.of(new PresenceStore.Held(user, "kept"), new PresenceStore.Held(user, "lost")),
                        now + 60_000));

        assertEquals(List.of(new PresenceStore.Held(user, "lost")), missing);
        String never = "never-" + UUID.randomUUID();
        assertEquals(List.of(new PresenceStore.State(never, false, 0)), get(store().states(List.of(never), now)));
    }

    @Test
    void aRenewalOfMoreUsersThanItKeepsInFlightCoversThemAll() throws Exception {
        long now = System.currentTimeMillis();
        String known = "known-" + UUID.randomUUID();
        get(store().connected(known, "k1", now + 60_000, now, "online"));
        List<PresenceStore.Held> held = new java.util.ArrayList<>();
        held.add(new PresenceStore.Held(known, "k1"));
        for (int i = 0; i < RedisPresenceStore.REFRESH_IN_FLIGHT + 50; i++) {
            held.add(new PresenceStore.Held("unknown-" + i + "-" + UUID.randomUUID(), "c" + i));
        }

        List<PresenceStore.Held> missing = get(store().refresh(held, now + 60_000));

        assertEquals(held.subList(1, held.size()), missing);
    }

    private static String userInPartitionOf(String user) {
        int partition = CHANNELS.partitions().ofUser(user);
        while (true) {
            String candidate = "fence-" + UUID.randomUUID();
            if (CHANNELS.partitions().ofUser(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
