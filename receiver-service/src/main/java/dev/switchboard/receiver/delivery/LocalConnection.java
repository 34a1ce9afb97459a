package dev.switchboard.receiver.delivery;

/**
 * A connection registered on this instance: where to write, and the filter it last asked for. The filter is
 * replaced by the connection's own thread and read by the routing thread, hence volatile.
 */
public final class LocalConnection {

    private final Recipient recipient;
    private volatile SubscriptionFilter filter = SubscriptionFilter.ALL;

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
}
