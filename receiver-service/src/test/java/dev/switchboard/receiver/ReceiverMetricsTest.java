package dev.switchboard.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.MetricsScrape;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /q/metrics exposes every metric of METRICS.md, in Prometheus form, and the counters follow the traffic. */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class ReceiverMetricsTest extends LiveReceiverTest {

    private static final String OPEN = "switchboard_receiver_connections_open";
    private static final String OPENED = "switchboard_receiver_connections_opened_total";
    private static final String CLOSED = "switchboard_receiver_connections_closed_total";
    private static final String RECEIVED = "switchboard_receiver_events_received_total";
    private static final String INVALID = "switchboard_receiver_events_invalid_total";
    private static final String DISCARDED = "switchboard_receiver_events_discarded_total";
    private static final String DELIVERED = "switchboard_receiver_frames_delivered_total";
    private static final String LATENCY = "switchboard_receiver_delivery_latency_seconds";
    private static final String SLOW_CONSUMER = "switchboard_receiver_slow_consumer_closes_total";
    private static final String SUBSCRIPTION_UP = "switchboard_receiver_subscription_up";
    private static final String RESYNCS = "switchboard_receiver_resyncs_sent_total";

    @Test
    void everyDocumentedMetricIsExposedInPrometheusForm() {
        MetricsScrape scrape = MetricsScrape.now();

        for (String name : List.of(
                OPEN,
                OPENED,
                SLOW_CONSUMER,
                SUBSCRIPTION_UP,
                RESYNCS,
                INVALID,
                DISCARDED,
                DELIVERED,
                LATENCY + "_bucket",
                LATENCY + "_count",
                LATENCY + "_sum")) {
            assertTrue(scrape.has(name), name);
        }
        for (String reason :
                List.of("client", "shutdown", "slow_consumer", "idle", "too_big", "unsupported", "error")) {
            assertTrue(scrape.value(CLOSED, "reason=\"" + reason + "\"") >= 0, reason);
        }
        for (EventType type : EventType.values()) {
            assertTrue(scrape.value(RECEIVED, "channel=\"" + type.wireName() + "\"") >= 0, type.wireName());
        }
        assertTrue(scrape.value(LATENCY + "_bucket", "le=\"+Inf\"") >= 0);
        assertEquals(1, scrape.value(SUBSCRIPTION_UP));
    }

    @Test
    void countersFollowTheTraffic() {
        MetricsScrape before = MetricsScrape.now();

        TestSocket alice = TestSocket.connect(ws(), TestTokens.valid("alice"));
        TestSocket bob = TestSocket.connect(ws(), TestTokens.valid("bob"));
        await().atMost(TestSocket.WAIT).until(() -> delta(before, OPEN) == 2);
        for (int i = 0; i < 3; i++) {
            ObjectNode added = Events.event(EventType.MESSAGE_ADDED, List.of("alice", "bob"), List.of());
            publisher.publish(EventType.MESSAGE_ADDED, added.toString());
        }
        publisher.publish(
                EventType.CHAT_ADDED,
                Events.event(EventType.CHAT_ADDED, List.of("alice"), List.of()).toString());
        publisher.publish(
                EventType.CHAT_ADDED,
                Events.event(EventType.CHAT_ADDED, List.of("carol"), List.of()).toString());
        publisher.publish(EventType.MESSAGE_ADDED, "not an event");
        for (int i = 0; i < 4; i++) {
            assertEquals("event", alice.nextIgnoringResync().get("type").asText());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("event", bob.nextIgnoringResync().get("type").asText());
        }
        alice.close();
        bob.sendBinary(new byte[] {1});
        assertEquals(1003, bob.awaitCloseCode());
        bob.close();

        await().atMost(TestSocket.WAIT).until(() -> delta(before, OPEN) == 0);
        MetricsScrape after = MetricsScrape.now();
        assertEquals(2, delta(before, after, OPENED));
        assertEquals(4, delta(before, after, RECEIVED, "channel=\"messageAdded\""), "3 events and the bad one");
        assertEquals(2, delta(before, after, RECEIVED, "channel=\"chatAdded\""));
        assertEquals(1, delta(before, after, INVALID));
        assertEquals(1, delta(before, after, DISCARDED), "carol's chatAdded: nobody here");
        assertEquals(
                7,
                delta(before, after, DELIVERED) - delta(before, after, RESYNCS),
                "3 x 2 messageAdded + 1 chatAdded, nothing for carol (and any resync frames)");
        assertEquals(4, delta(before, after, LATENCY + "_count"), "once per event that reached someone");
        assertEquals(1, delta(before, after, CLOSED, "reason=\"client\""));
        assertEquals(1, delta(before, after, CLOSED, "reason=\"unsupported\""));
        assertEquals(0, delta(before, after, SLOW_CONSUMER));
    }

    private static double delta(MetricsScrape before, String name, String... labels) {
        return delta(before, MetricsScrape.now(), name, labels);
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
