package dev.switchboard.receiver.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Partitions;
import dev.switchboard.runtime.testing.ConfigMappings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventSubscription} must do, whatever the transport. An implementation's test extends this class
 * and supplies a fresh subscription plus ways to publish on, break and stop its transport; it inherits every test.
 */
public abstract class EventSubscriptionContract {

    protected static final Duration WAIT = Duration.ofSeconds(15);
    /** Four partitions: enough for a cluster's masters or a sharded deployment's nodes to hold several. */
    protected static final EventChannels CHANNELS = new EventChannels("switchboard:", new Partitions(4));

    /** One channel of partition 0, for the tests that need only one. */
    protected static final String FIRST = CHANNELS.channel(EventType.MESSAGE_ADDED, 0);

    /**
     * Settings that notice a loss within about a second, so the tests need not wait for the production intervals;
     * {@code overrides} on top.
     */
    protected static SubscriptionConfig quickChecks(Map<String, String> overrides) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "switchboard.subscription.check-interval", "300ms",
                "switchboard.subscription.check-timeout", "1s",
                "switchboard.subscription.reconnect-max-backoff", "300ms"));
        settings.putAll(overrides);
        return ConfigMappings.read(SubscriptionConfig.class, settings);
    }

    /** A subscription that is not started yet, on a transport that is up. */
    protected abstract EventSubscription newSubscription();

    protected abstract void publish(String channel, String payload);

    /** The transport drops the subscriber's connection, as a network cut or a server-side kill would. */
    protected abstract void dropConnections();

    /** Takes the transport away, keeping its address. */
    protected abstract void stopTransport();

    protected abstract void startTransport();

    private final List<EventSubscription> started = new ArrayList<>();

    /** What a listener heard, in order. */
    public static final class Recorder implements EventSubscription.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<Boolean> subscriptions = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(String channel, ByteBuffer payload) {
            messages.add(channel + " " + StandardCharsets.UTF_8.decode(payload));
        }

        @Override
        public void onSubscribed(boolean restored) {
            subscriptions.add(restored);
        }
    }

    @AfterEach
    void stopEverySubscription() {
        started.forEach(EventSubscription::stop);
        started.clear();
        startTransport();
    }

    protected EventSubscription subscribed(Recorder recorder) {
        EventSubscription subscription = start(recorder);
        await().atMost(WAIT).until(() -> !recorder.subscriptions.isEmpty() && subscription.isSubscribed());
        return subscription;
    }

    protected EventSubscription start(Recorder recorder) {
        EventSubscription subscription = newSubscription();
        started.add(subscription);
        subscription.start(CHANNELS, recorder);
        return subscription;
    }

    @Test
    void everyPartitionsChannelsArriveInPublishOrderAndNothingElse() {
        Recorder recorder = new Recorder();
        subscribed(recorder);
        EventType[] types = {EventType.MESSAGE_ADDED, EventType.CHAT_UPDATED, EventType.UNREAD_COUNT_UPDATED};
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            int partition = i % CHANNELS.partitions().count();
            String channel = CHANNELS.channel(types[i % types.length], partition);
            publish(channel, "m" + i);
            publish("switchboard:notSubscribed:{" + CHANNELS.partitions().tag(partition) + "}", "x" + i);
            expected.computeIfAbsent(partition, p -> new ArrayList<>()).add(channel + " m" + i);
        }

        await().atMost(WAIT).until(() -> recorder.messages.size() >= 200);
        Map<Integer, List<String>> received = new TreeMap<>();
        for (String message : recorder.messages) {
            int partition =
                    CHANNELS.routeOf(message.substring(0, message.indexOf(' '))).partition();
            received.computeIfAbsent(partition, p -> new ArrayList<>()).add(message);
        }
        assertEquals(expected, received, "each partition's events in publish order, nothing unsubscribed");
        assertEquals(200, recorder.messages.size());
    }

    @Test
    void theFirstSubscriptionIsNoRestoration() {
        Recorder recorder = new Recorder();
        subscribed(recorder);

        assertEquals(List.of(false), recorder.subscriptions);
        assertEquals(EventSubscription.State.SUBSCRIBED, started.getFirst().state());
    }

    @Test
    void aDroppedConnectionIsRestoredAnnouncedAndDeliveryResumes() {
        Recorder recorder = new Recorder();
        subscribed(recorder);

        dropConnections();

        awaitRestored(recorder);
        assertDeliveryResumes(recorder);
    }

    @Test
    void aTransportRestartIsRestoredAnnouncedAndDeliveryResumes() {
        Recorder recorder = new Recorder();
        EventSubscription subscription = subscribed(recorder);

        stopTransport();
        await().atMost(WAIT).until(() -> !subscription.isSubscribed());
        startTransport();

        awaitRestored(recorder);
        assertDeliveryResumes(recorder);
    }

    @Test
    void aTransportDownAtStartIsSubscribedOnceItComesUp() {
        stopTransport();
        Recorder recorder = new Recorder();
        EventSubscription subscription = start(recorder);
        assertEquals(EventSubscription.State.STARTING, subscription.state());

        startTransport();

        await().atMost(WAIT).until(subscription::isSubscribed);
        assertEquals(List.of(false), recorder.subscriptions);
        assertDeliveryResumes(recorder);
    }

    @Test
    void afterStopNothingArrivesAndNothingReconnects() {
        Recorder recorder = new Recorder();
        EventSubscription subscription = subscribed(recorder);

        subscription.stop();
        publish(FIRST, "after-stop");
        dropConnections();

        assertEquals(EventSubscription.State.STOPPED, subscription.state());
        // A marker on a second, live subscription proves the message was published and delivered by now.
        Recorder witness = new Recorder();
        subscribed(witness);
        publish(FIRST, "marker");
        await().atMost(WAIT).until(() -> witness.messages.contains(FIRST + " marker"));
        assertTrue(recorder.messages.isEmpty(), recorder.messages.toString());
        assertEquals(List.of(false), recorder.subscriptions);
    }

    /**
     * The first announcement said "started", and after the loss at least one "restored" came (a transport over several
     * nodes announces each node that comes back), and nothing else.
     */
    protected static void awaitRestored(Recorder recorder) {
        await().atMost(WAIT)
                .failFast(
                        "a second \"started\"",
                        () -> recorder.subscriptions.stream().skip(1).anyMatch(restored -> !restored))
                .until(() -> recorder.subscriptions.size() >= 2);
        assertEquals(false, recorder.subscriptions.getFirst());
    }

    /** A marker published on a channel of every partition arrives: every partition is subscribed. */
    protected void assertDeliveryResumes(Recorder recorder) {
        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            String channel = CHANNELS.channel(EventType.CHAT_ADDED, partition);
            String marker = "after-" + System.nanoTime();
            publish(channel, marker);
            await().atMost(WAIT).until(() -> recorder.messages.contains(channel + " " + marker));
        }
    }
}
