package dev.switchboard.receiver.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of this instance, indexed by user so that routing an event costs a lookup per audience
 * member, never a scan of every connection.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<String, Map<String, LocalConnection>> byUser = new ConcurrentHashMap<>();
    private final Map<String, LocalConnection> byId = new ConcurrentHashMap<>();

    public void add(LocalConnection connection) {
        byId.put(connection.connectionId(), connection);
        // compute() keeps "create the user's map" and "drop it when empty" (in remove) atomic per user.
        byUser.compute(connection.userId(), (user, connections) -> {
            Map<String, LocalConnection> map = connections == null ? new ConcurrentHashMap<>() : connections;
            map.put(connection.connectionId(), connection);
            return map;
        });
    }

    /** @return whether the connection was registered (false when it never was, or is already removed) */
    public boolean remove(String connectionId) {
        LocalConnection connection = byId.remove(connectionId);
        if (connection == null) {
            return false;
        }
        byUser.computeIfPresent(connection.userId(), (user, connections) -> {
            connections.remove(connectionId);
            return connections.isEmpty() ? null : connections;
        });
        return true;
    }

    /** A live view; iterating it while connections come and go is safe. */
    public Collection<LocalConnection> byUser(String userId) {
        Map<String, LocalConnection> connections = byUser.get(userId);
        return connections == null ? List.of() : connections.values();
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
}
