package dev.switchboard.receiver.subscription;

import java.util.List;

/**
 * The transport seam of the receiver: a subscription to the event channels that delivers every message published on
 * them, proves by itself that it is alive, and restores itself when it is lost. Today's implementation is Redis
 * pub/sub ({@link RedisPubSubSubscription}); another transport implements this and passes
 * {@code EventSubscriptionContract}. What the messages mean is not its business ({@link EventIngest}).
 * <p>
 * The listener is called on one thread at a time, in the order the transport delivered: messages of one channel in
 * publish order. {@link Listener#onSubscribed} comes once every channel is confirmed, first with {@code restored}
 * false, then true after each loss (messages published in between may have been missed: the listener tells
 * clients to resync).
 */
public interface EventSubscription {

    enum State {
        STARTING,
        SUBSCRIBED,
        RECONNECTING,
        STOPPED
    }

    interface Listener {
        void onMessage(String channel, String payload);

        void onSubscribed(boolean restored);
    }

    /** Connects and subscribes, now and after every loss, until {@link #stop()}; returns at once. */
    void start(List<String> channels, Listener listener);

    /** Ends the subscription for good; returns once it is closed (or after the transport's own timeout). */
    void stop();

    State state();

    default boolean isSubscribed() {
        return state() == State.SUBSCRIBED;
    }

    /** Where it subscribes, for logs: never credentials. */
    String describe();
}
