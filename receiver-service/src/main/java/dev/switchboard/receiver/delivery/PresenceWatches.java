package dev.switchboard.receiver.delivery;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local connections follow whose presence, indexed by the followed user so that routing a presenceChanged costs
 * a lookup. A connection has one subscription at a time (a new presence frame replaces it); copy-on-write arrays like
 * {@link ConnectionRegistry}.
 */
@Singleton
public class PresenceWatches {

    private static final LocalConnection[] NONE = new LocalConnection[0];

    private final Map<String, LocalConnection[]> byUser = new ConcurrentHashMap<>();

    /** The connection now follows exactly these users, until the subscription's time. */
    public void follow(LocalConnection connection, PresenceSubscription subscription) {
        synchronized (connection) {
            PresenceSubscription before = connection.presence();
            for (String userId : before.userIds()) {
                if (!subscription.userIds().contains(userId)) {
                    byUser.computeIfPresent(userId, (user, connections) -> without(connections, connection));
                }
            }
            for (String userId : subscription.userIds()) {
                if (!before.userIds().contains(userId)) {
                    byUser.merge(userId, new LocalConnection[] {connection}, PresenceWatches::with);
                }
            }
            connection.presence(subscription);
        }
    }

    /** When the connection closes. */
    public void unfollowAll(LocalConnection connection) {
        follow(connection, PresenceSubscription.NONE);
    }

    /** The connections following the user now, expired subscriptions included (routing checks the time). */
    public LocalConnection[] followers(String userId) {
        LocalConnection[] connections = byUser.get(userId);
        return connections == null ? NONE : connections;
    }

    private static LocalConnection[] with(LocalConnection[] connections, LocalConnection[] added) {
        LocalConnection[] more = Arrays.copyOf(connections, connections.length + 1);
        more[connections.length] = added[0];
        return more;
    }

    private static LocalConnection[] without(LocalConnection[] connections, LocalConnection gone) {
        LocalConnection[] fewer =
                Arrays.stream(connections).filter(c -> c != gone).toArray(LocalConnection[]::new);
        return fewer.length == 0 ? null : fewer;
    }
}
