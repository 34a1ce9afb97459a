package dev.switchboard.receiver.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.MetricsScrape;
import dev.switchboard.receiver.testing.RawSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-connection queue is bounded in bytes as well as frames: with a frame bound no client could reach, a client
 * that stops reading large frames is still closed (1013) once max-pending-bytes wait for it.
 */
@QuarkusTest
@TestProfile(PendingBytesTest.BytesBound.class)
@WithTestResource(EmbeddedRedisResource.class)
class PendingBytesTest extends LiveReceiverTest {

    public static class BytesBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.delivery.max-pending-frames", "1000000",
                    "switchboard.delivery.max-pending-bytes", "65536");
        }
    }

    private static final int MAX_EVENTS = 5_000;
    private static final String PADDING = "x".repeat(16 * 1024);

    @Inject
    ConnectionRegistry registry;

    @Test
    void aClientThatStopsReadingLargeFramesIsClosedByTheByteBound() {
        MetricsScrape before = MetricsScrape.now();
        try (RawSocket stalled = RawSocket.open(ws(), TestTokens.valid("stalled"), 4096)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.byId(stalled.connectionId()).isPresent());
            WebSocketRecipient recipient = (WebSocketRecipient) registry.byId(stalled.connectionId())
                    .map(LocalConnection::recipient)
                    .orElseThrow();
            int published = 0;
            while (recipient.isOpen()) {
                assertTrue(published < MAX_EVENTS, "still open after " + published + " events of 16 KiB");
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    ObjectNode event = Events.event(EventType.MESSAGE_ADDED, List.of("stalled"), List.of());
                    ((ObjectNode) event.get("data")).put("content", PADDING);
                    batch.add(event.toString());
                }
                publisher.publishAll(EventType.MESSAGE_ADDED, batch);
                published += batch.size();
            }
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> registry.byId(stalled.connectionId()).isEmpty());
        }
        assertEquals(
                1,
                MetricsScrape.now().value("switchboard_receiver_slow_consumer_closes_total")
                        - before.value("switchboard_receiver_slow_consumer_closes_total"));
    }
}
