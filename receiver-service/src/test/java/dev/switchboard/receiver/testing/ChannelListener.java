package dev.switchboard.receiver.testing;

import static org.awaitility.Awaitility.await;

import dev.switchboard.events.EventChannels;
import dev.switchboard.receiver.subscription.EventSubscription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The receiver's own subscription of a topology, started and recording every message as "channel payload". */
public final class ChannelListener implements EventSubscription.Listener, AutoCloseable {

    private final EventSubscription subscription;
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<Boolean> subscribed = new CopyOnWriteArrayList<>();

    private ChannelListener(EventSubscription subscription) {
        this.subscription = subscription;
    }

    /** Started, and serving every partition, before it returns. */
    public static ChannelListener listening(EventSubscription subscription, EventChannels channels, Duration wait) {
        ChannelListener listener = new ChannelListener(subscription);
        subscription.start(channels, listener);
        await().atMost(wait).until(() -> !listener.subscribed.isEmpty() && subscription.isServing());
        return listener;
    }

    /** Every message so far, as "channel payload", in arrival order. */
    public List<String> heard() {
        return heard;
    }

    @Override
    public void onMessage(String channel, ByteBuffer payload) {
        heard.add(channel + " " + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void onSubscribed(boolean restored) {
        subscribed.add(restored);
    }

    @Override
    public void close() {
        subscription.stop();
    }
}
