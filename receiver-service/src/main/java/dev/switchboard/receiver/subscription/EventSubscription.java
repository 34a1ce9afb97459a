package dev.switchboard.receiver.subscription;

import dev.switchboard.events.EventChannels;
import java.nio.ByteBuffer;

/**
 * The transport seam of the receiver: a subscription to the event channels of every partition that delivers every
 * message published on them, proves by itself that it is alive, and restores itself when it is lost. Implementations
 * for each Redis topology ({@link RedisPubSubSubscription} for standalone and sharded Redis,
 * {@link RedisClusterSubscription} for Redis Cluster) pass {@code EventSubscriptionContract}. What the messages mean is not
 * its business ({@link EventIngest}).
 * <p>
 * The listener is called on one thread at a time, in the order the transport delivered: messages of one partition in
 * publish order (a partition's channels travel together). {@link Listener#onSubscribed} comes once every partition is
 * confirmed, first with {@code restored} false, then true after each loss of any partition's subscription (messages
 * published in between may have been missed: the listener tells clients to resync).
 */
public interface EventSubscription {

    enum State {
        STARTING,
        SUBSCRIBED,
        /** Some partitions subscribed, others being restored: their events flow, the others' wait. */
        PARTIAL,
        RECONNECTING,
        STOPPED
    }

    interface Listener {
        /**
         * An event's payload as it came off the wire (UTF-8 JSON), from its position to its limit: a heap buffer, so
         * that it is parsed where it lies rather than copied once more. Valid during the call only.
         */
        void onMessage(String channel, ByteBuffer payload);

        void onSubscribed(boolean restored);
    }

    /** Connects and subscribes to every partition's channels, now and after every loss, until {@link #stop()}. */
    void start(EventChannels channels, Listener listener);

    /** Ends the subscription for good; returns once it is closed (or after the transport's own timeout). */
    void stop();

    State state();

    default boolean isSubscribed() {
        return state() == State.SUBSCRIBED;
    }

    /** Whether events of at least some partitions flow (the receiver can serve, perhaps with some events late). */
    default boolean isServing() {
        return state() == State.SUBSCRIBED || state() == State.PARTIAL;
    }

    /** Where it subscribes, for logs: never credentials. */
    String describe();
}
