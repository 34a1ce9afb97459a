package dev.switchboard.receiver.typing;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EphemeralPublisher} must do, whatever the Redis topology: publish where the receivers' own
 * subscription of that topology hears it, every partition, and at most once per gate across callers.
 */
abstract class EphemeralPublisherContract {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final EventChannels CHANNELS = new EventChannels("switchboard:", new Partitions(4));
    static final SubscriptionConfig SUBSCRIPTION = ConfigMappings.read(SubscriptionConfig.class, Map.of());

    private List<String> heard;
    private ChannelListener listener;

    /** A publisher of the topology under test, as the receiver builds it. */
    protected abstract EphemeralPublisher publisher();

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
    void everyPartitionsEventReachesTheSubscriptionOnItsChannel() throws Exception {
        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            String channel = CHANNELS.channel(EventType.TYPING, partition);
            String gate = gateKey(partition);
            assertTrue(publish(partition, gate, Duration.ofSeconds(10), channel, "payload-" + partition));
        }
        await().atMost(WAIT).until(() -> heard.size() == CHANNELS.partitions().count());
        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            assertTrue(
                    heard.contains(CHANNELS.channel(EventType.TYPING, partition) + " payload-" + partition),
                    heard.toString());
        }
    }

    @Test
    void aClosedGateLetsNothingThroughUntilItExpires() throws Exception {
        String channel = CHANNELS.channel(EventType.TYPING, 1);
        String gate = gateKey(1);
        assertTrue(publish(1, gate, Duration.ofMillis(300), channel, "first"));
        assertFalse(publish(1, gate, Duration.ofMillis(300), channel, "second"), "same gate, within it");
        assertTrue(publish(1, gateKey(1), Duration.ofMillis(300), channel, "other gate"));

        await().atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .until(() -> publish(1, gate, Duration.ofMillis(300), channel, "third"));
        await().atMost(WAIT).until(() -> heard.size() == 3);
        assertEquals(List.of(channel + " first", channel + " other gate", channel + " third"), heard);
    }

    private boolean publish(int partition, String gate, Duration open, String channel, String payload)
            throws Exception {
        return publisher()
                .publish(partition, gate, open, channel, payload)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static String gateKey(int partition) {
        return "switchboard:typing-gate:{" + CHANNELS.partitions().tag(partition) + "}:" + UUID.randomUUID();
    }
}
