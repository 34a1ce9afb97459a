package dev.switchboard.receiver.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.events.Partitions;
import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.delivery.PresenceWatches;
import dev.switchboard.receiver.testing.FakeRecipient;
import dev.switchboard.runtime.testing.ConfigMappings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the receiver hands to the presence store: the golden presenceChanged, the expiry, the renewals. */
class PresenceServiceTest {

    private final EventCodec codec = new EventCodec();
    private final List<String> calls = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final Vertx vertx = Vertx.vertx();
    private List<PresenceStore.Held> missingOnRefresh = List.of();

    private final PresenceStore store = new PresenceStore() {
        @Override
        public CompletionStage<Void> connected(
                String userId, String connectionId, long expiresAtMillis, long nowMillis, String onlineEvent) {
            calls.add("connected " + userId + " " + connectionId + " +" + (expiresAtMillis - nowMillis));
            payloads.add(onlineEvent);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> disconnected(
                String userId, String connectionId, long nowMillis, String offlineEvent) {
            calls.add("disconnected " + userId + " " + connectionId);
            payloads.add(offlineEvent);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<List<Held>> refresh(List<Held> held, long expiresAtMillis) {
            calls.add("refresh " + held);
            return CompletableFuture.completedFuture(missingOnRefresh);
        }

        @Override
        public CompletionStage<List<Expired>> sweep(int partition, long nowMillis, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<Void> expired(String userId, long lastSeenMillis, long nowMillis, String offlineEvent) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<List<State>> states(List<String> userIds, long nowMillis) {
            return CompletableFuture.completedFuture(List.of());
        }
    };

    private final PresenceService presence = new PresenceService(
            store,
            registry,
            new PresenceWatches(),
            codec,
            vertx,
            ConfigMappings.read(PresenceConfig.class, Map.of()),
            new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(Partitions.DEFAULT_COUNT)),
            new SimpleMeterRegistry());

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    @Test
    void aClosingConnectionHandsTheGoldenOfflineEventAndAnOpeningOneItsOnlineWithTheTtl() throws Exception {
        LocalConnection bob = new LocalConnection(new FakeRecipient("c1", "bob"));

        presence.opened(bob);
        presence.closed(bob);

        assertEquals(List.of("connected bob c1 +25000", "disconnected bob c1"), calls);
        assertTrue(codec.decode(payloads.get(0)).data().get("online").asBoolean());
        ObjectNode produced = (ObjectNode) codec.mapper().readTree(payloads.get(1));
        ObjectNode golden = (ObjectNode) codec.mapper().readTree(GoldenEvents.json(EventType.PRESENCE_CHANGED));
        for (ObjectNode node : List.of(produced, golden)) {
            node.remove(List.of("id", "occurredAt"));
            ((ObjectNode) node.get("data")).remove("lastSeenAt");
        }
        assertEquals(golden, produced);
    }

    @Test
    void aRenewalCoversEveryConnectionHereAndConnectsAgainWhatRedisLost() {
        LocalConnection bob = new LocalConnection(new FakeRecipient("c1", "bob"));
        LocalConnection carol = new LocalConnection(new FakeRecipient("c2", "carol"));
        registry.add(bob);
        registry.add(carol);
        missingOnRefresh = List.of(new PresenceStore.Held("carol", "c2"));

        presence.refresh();

        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("refresh "));
        assertTrue(calls.get(0).contains("Held[userId=bob, connectionId=c1]"));
        assertEquals("connected carol c2 +25000", calls.get(1));
        JsonNode online = codec.decode(payloads.getFirst()).data();
        assertEquals("carol", online.get("userId").asText());
    }
}
