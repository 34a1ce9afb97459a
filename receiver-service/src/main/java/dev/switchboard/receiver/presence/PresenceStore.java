package dev.switchboard.receiver.presence;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The seam between presence and the transport: per user, the connections that hold them online on any receiver,
 * each until an expiry its receiver renews; and when a user comes or goes, their presenceChanged published in the same
 * step as the change, so the events of a user follow the order of their changes. One Redis implementation for every
 * topology ({@link RedisPresenceStore}); the keys of a user live in the user's partition (one slot in a cluster).
 */
public interface PresenceStore {

    /** A connection of the user, present until {@code expiresAtMillis}; {@code onlineEvent} goes out if it is the first. */
    CompletionStage<Void> connected(
            String userId, String connectionId, long expiresAtMillis, long nowMillis, String onlineEvent);

    /** The connection is gone; if it was the user's last, they are offline since now and {@code offlineEvent} goes out. */
    CompletionStage<Void> disconnected(String userId, String connectionId, long nowMillis, String offlineEvent);

    /**
     * Renews these connections (of this receiver) until {@code expiresAtMillis}.
     *
     * @return the ones Redis no longer had (swept while this receiver could not reach it): the caller connects them
     *         again
     */
    CompletionStage<List<Held>> refresh(List<Held> held, long expiresAtMillis);

    /**
     * Users of the partition whose every connection expired before {@code nowMillis} (their receiver stopped renewing),
     * at most {@code limit}, taken off the partition's index so that one receiver handles each.
     */
    CompletionStage<List<Expired>> sweep(int partition, long nowMillis, int limit);

    /** For a swept user: marks them offline since {@code lastSeenMillis} and publishes, unless they came back. */
    CompletionStage<Void> expired(String userId, long lastSeenMillis, long nowMillis, String offlineEvent);

    /** The current state of these users (online, and when last seen; 0 for never). */
    CompletionStage<List<State>> states(List<String> userIds, long nowMillis);

    /** A connection this receiver holds. */
    record Held(String userId, String connectionId) {}

    /** A user whose connections all expired, and when the last of them would have. */
    record Expired(String userId, long lastExpiryMillis) {}

    record State(String userId, boolean online, long lastSeenMillis) {}
}
