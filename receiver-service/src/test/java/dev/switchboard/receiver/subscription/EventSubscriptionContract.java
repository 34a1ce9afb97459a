package dev.switchboard.receiver.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventSubscription} must do, whatever the transport. An implementation's test extends this class
 * and supplies a fresh subscription plus ways to publish on, break and stop its transport; it inherits every test.
 */
public abstract class EventSubscriptionContract {

    protected static final Duration WAIT = Duration.ofSeconds(15);
    protected static final List<String> CHANNELS = List.of("switchboard:messageAdded", "switchboard:chatAdded");

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
    protected static final class Recorder implements EventSubscription.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<Boolean> subscriptions = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(String channel, String payload) {
            messages.add(channel + " " + payload);
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

    private EventSubscription subscribed(Recorder recorder) {
        EventSubscription subscription = start(recorder);
        await().atMost(WAIT).until(() -> !recorder.subscriptions.isEmpty() && subscription.isSubscribed());
        return subscription;
    }

    private EventSubscription start(Recorder recorder) {
        EventSubscription subscription = newSubscription();
        started.add(subscription);
        subscription.start(CHANNELS, recorder);
        return subscription;
    }

    @Test
    void theSubscribedChannelsArriveInPublishOrderAndNothingElse() {
        Recorder recorder = new Recorder();
        subscribed(recorder);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String channel = CHANNELS.get(i % 2);
            publish(channel, "m" + i);
            publish("switchboard:notSubscribed", "x" + i);
            expected.add(channel + " m" + i);
        }

        await().atMost(WAIT).until(() -> recorder.messages.size() >= expected.size());
        assertEquals(expected, recorder.messages);
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

        await().atMost(WAIT).until(() -> recorder.subscriptions.equals(List.of(false, true)));
        assertDeliveryResumes(recorder);
    }

    @Test
    void aTransportRestartIsRestoredAnnouncedAndDeliveryResumes() {
        Recorder recorder = new Recorder();
        EventSubscription subscription = subscribed(recorder);

        stopTransport();
        await().atMost(WAIT).until(() -> !subscription.isSubscribed());
        startTransport();

        await().atMost(WAIT).until(() -> recorder.subscriptions.equals(List.of(false, true)));
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
        publish(CHANNELS.getFirst(), "after-stop");
        dropConnections();

        assertEquals(EventSubscription.State.STOPPED, subscription.state());
        // A marker on a second, live subscription proves the message was published and delivered by now.
        Recorder witness = new Recorder();
        subscribed(witness);
        publish(CHANNELS.getFirst(), "marker");
        await().atMost(WAIT).until(() -> witness.messages.contains(CHANNELS.getFirst() + " marker"));
        assertTrue(recorder.messages.isEmpty(), recorder.messages.toString());
        assertEquals(List.of(false), recorder.subscriptions);
    }

    private void assertDeliveryResumes(Recorder recorder) {
        String marker = "after-" + System.nanoTime();
        publish(CHANNELS.getFirst(), marker);
        await().atMost(WAIT).until(() -> recorder.messages.contains(CHANNELS.getFirst() + " " + marker));
    }
}
