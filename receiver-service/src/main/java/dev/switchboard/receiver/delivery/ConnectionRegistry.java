package dev.switchboard.receiver.delivery;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of this instance, indexed by user so that routing an event costs a lookup per audience
 * member, never a scan of every connection.
 * <p>
 * A user's connections are an immutable array, replaced whole when one comes or goes (copy-on-write): routing
 * reads it many thousand times a second without a lock or an iterator, while connections change rarely and a
 * user has only a few. A {@code @Singleton}, not {@code @ApplicationScoped}: the router calls it per audience
 * member, and a client proxy would be one more indirection on every call.
 */
@Singleton
public class ConnectionRegistry {

    private static final LocalConnection[] NONE = new LocalConnection[0];

    private final Map<String, LocalConnection[]> byUser = new ConcurrentHashMap<>();
    private final Map<String, LocalConnection> byId = new ConcurrentHashMap<>();

    public void add(LocalConnection connection) {
        addWithin(connection, Integer.MAX_VALUE);
    }

    /**
     * Registers the connection unless its user already has {@code maxPerUser} here; atomic with every other add and
     * remove of that user, so concurrent opens cannot pass the cap together.
     *
     * @return whether it was registered
     */
    public boolean addWithin(LocalConnection connection, int maxPerUser) {
        boolean[] added = {false};
        // compute() makes each replacement of a user's array atomic with respect to the others (and to remove).
        byUser.compute(connection.userId(), (user, connections) -> {
            if (connections == null) {
                added[0] = true;
                return new LocalConnection[] {connection};
            }
            if (connections.length >= maxPerUser) {
                return connections;
            }
            LocalConnection[] more = Arrays.copyOf(connections, connections.length + 1);
            more[connections.length] = connection;
            added[0] = true;
            return more;
        });
        if (added[0]) {
            byId.put(connection.connectionId(), connection);
        }
        return added[0];
    }

    /** @return whether the connection was registered (false when it never was, or is already removed) */
    public boolean remove(String connectionId) {
        LocalConnection connection = byId.remove(connectionId);
        if (connection == null) {
            return false;
        }
        byUser.computeIfPresent(connection.userId(), (user, connections) -> without(connections, connection));
        return true;
    }

    /**
     * The user's connections at this moment: a snapshot that later changes do not touch. Never modify it; it is
     * shared with every other caller.
     */
    public LocalConnection[] byUser(String userId) {
        LocalConnection[] connections = byUser.get(userId);
        return connections == null ? NONE : connections;
    }

    public Optional<LocalConnection> byId(String connectionId) {
        return Optional.ofNullable(byId.get(connectionId));
    }

    /** Every connection: only for rare, instance-wide frames (resync, shutdown), never per event. */
    public Collection<LocalConnection> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** @return the array less that connection, or null (dropping the user) when nothing is left */
    private static LocalConnection[] without(LocalConnection[] connections, LocalConnection gone) {
        int at = -1;
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] == gone) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return connections;
        }
        if (connections.length == 1) {
            return null;
        }
        LocalConnection[] fewer = new LocalConnection[connections.length - 1];
        System.arraycopy(connections, 0, fewer, 0, at);
        System.arraycopy(connections, at + 1, fewer, at, connections.length - at - 1);
        return fewer;
    }
}
