package dev.switchboard.receiver.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A connection registered on this instance: where to write, the filter it last asked for, and the chats it watches.
 * Both are replaced whole by the connection's own thread and read by the routing thread, hence volatile.
 */
public final class LocalConnection {

    private final Recipient recipient;
    private volatile SubscriptionFilter filter = SubscriptionFilter.ALL;
    private volatile Map<UUID, Instant> watched = Map.of();
    private volatile PresenceSubscription presence = PresenceSubscription.NONE;

    public LocalConnection(Recipient recipient) {
        this.recipient = recipient;
    }

    public Recipient recipient() {
        return recipient;
    }

    public String connectionId() {
        return recipient.connectionId();
    }

    public String userId() {
        return recipient.userId();
    }

    public SubscriptionFilter filter() {
        return filter;
    }

    public void filter(SubscriptionFilter filter) {
        this.filter = filter == null ? SubscriptionFilter.ALL : filter;
    }

    /** The chats this connection watches, each until its grant expires ({@link Watches}). Never modify it. */
    public Map<UUID, Instant> watched() {
        return watched;
    }

    /** Whether it watches the chat on a grant that has not expired at {@code now}. */
    public boolean watches(UUID chatId, Instant now) {
        Instant until = watched.get(chatId);
        return until != null && until.isAfter(now);
    }

    /** The users whose presence this connection follows, and until when ({@link PresenceWatches}). */
    public PresenceSubscription presence() {
        return presence;
    }

    void presence(PresenceSubscription presence) {
        this.presence = presence;
    }

    void watched(Map<UUID, Instant> watched) {
        this.watched = Map.copyOf(watched);
    }
}
