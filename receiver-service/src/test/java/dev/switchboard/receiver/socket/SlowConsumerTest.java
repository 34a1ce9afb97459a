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
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real client that stops reading: its frames stay unwritten, and once more than max-pending-frames wait the
 * server closes it (1013) and, since the close frame cannot reach a client that does not read, cuts the connection.
 * Other clients are not slowed down and miss nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class SlowConsumerTest extends LiveReceiverTest {

    private static final int MAX_EVENTS = 20_000;
    private static final int BATCH = 32;
    private static final String PADDING = "x".repeat(16 * 1024); // content at the contract's size limit

    @Inject
    ConnectionRegistry registry;

    @Test
    void aClientThatStopsReadingIsClosedAsSlowConsumerAndTheOthersGetEveryEvent() {
        URI ws = ws();
        MetricsScrape before = MetricsScrape.now();
        List<String> published = new ArrayList<>();

        try (TestSocket alice = TestSocket.connect(ws, TestTokens.valid("alice"));
                RawSocket stalled = RawSocket.open(ws, TestTokens.valid("stalled"), 4096)) {
            await().atMost(TestSocket.WAIT)
                    .until(() -> registry.byId(stalled.connectionId()).isPresent());
            WebSocketRecipient stalledRecipient = (WebSocketRecipient) registry.byId(stalled.connectionId())
                    .map(LocalConnection::recipient)
                    .orElseThrow();

            // As many events as it takes: only unwritten frames count, so the socket buffers fill first.
            while (stalledRecipient.isOpen()) {
                assertTrue(published.size() < MAX_EVENTS, "still open after " + published.size() + " events");
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    ObjectNode event = Events.event(EventType.MESSAGE_ADDED, List.of("stalled", "alice"), List.of());
                    ((ObjectNode) event.get("data")).put("content", PADDING);
                    batch.add(event.toString());
                    published.add(event.get("id").asText());
                }
                publisher.publishAll(EventType.MESSAGE_ADDED, batch);
            }

            // The close frame is stuck behind the unwritten frames: the connection is cut after the close timeout.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> registry.byId(stalled.connectionId()).isEmpty());
            assertEquals(0, stalledRecipient.pendingFrames(), "the cut connection's queued frames are released");
            for (String id : published) {
                assertEquals(id, alice.nextIgnoringResync().get("id").asText());
            }
            assertTrue(alice.isOpen());
        }

        MetricsScrape after = MetricsScrape.now();
        assertEquals(
                1,
                after.value("switchboard_receiver_slow_consumer_closes_total")
                        - before.value("switchboard_receiver_slow_consumer_closes_total"));
        assertEquals(
                1,
                after.value("switchboard_receiver_connections_closed_total", "reason=\"slow_consumer\"")
                        - before.value("switchboard_receiver_connections_closed_total", "reason=\"slow_consumer\""));
    }
}
