package dev.switchboard.receiver.delivery;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local connections watch which chat: a connection watches a chat on a sender's grant that its user is a
 * member ({@code {"type":"watch"}}), and gets the events routed to watchers (typing). Indexed by chat so that
 * routing such an event costs a lookup, never a scan; copy-on-write arrays like {@link ConnectionRegistry}, since
 * watches change when a user opens a chat, events arrive far more often.
 */
@Singleton
public class Watches {

    private static final LocalConnection[] NONE = new LocalConnection[0];

    private final Map<UUID, LocalConnection[]> byChat = new ConcurrentHashMap<>();

    /**
     * The connection watches the chat until {@code until} (a renewal moves the time on).
     *
     * @return false, changing nothing, when it would watch more than {@code maxPerConnection} chats
     */
    public boolean watch(LocalConnection connection, UUID chatId, Instant until, int maxPerConnection) {
        synchronized (connection) {
            Map<UUID, Instant> watched = new HashMap<>(connection.watched());
            if (!watched.containsKey(chatId) && watched.size() >= maxPerConnection) {
                return false;
            }
            boolean added = watched.put(chatId, until) == null;
            connection.watched(watched);
            if (added) {
                byChat.compute(chatId, (chat, connections) -> {
                    if (connections == null) {
                        return new LocalConnection[] {connection};
                    }
                    LocalConnection[] more = Arrays.copyOf(connections, connections.length + 1);
                    more[connections.length] = connection;
                    return more;
                });
            }
            return true;
        }
    }

    public void unwatch(LocalConnection connection, UUID chatId) {
        synchronized (connection) {
            Map<UUID, Instant> watched = new HashMap<>(connection.watched());
            if (watched.remove(chatId) == null) {
                return;
            }
            connection.watched(watched);
            byChat.computeIfPresent(chatId, (chat, connections) -> without(connections, connection));
        }
    }

    /** When the connection closes. */
    public void unwatchAll(LocalConnection connection) {
        for (UUID chatId : connection.watched().keySet()) {
            unwatch(connection, chatId);
        }
    }

    /** The chat's watchers now, expired grants included (routing checks the time). Never modify it. */
    public LocalConnection[] watchers(UUID chatId) {
        LocalConnection[] connections = byChat.get(chatId);
        return connections == null ? NONE : connections;
    }

    /** How many chats have a watcher here (a gauge). */
    public int watchedChats() {
        return byChat.size();
    }

    private static LocalConnection[] without(LocalConnection[] connections, LocalConnection gone) {
        LocalConnection[] fewer =
                Arrays.stream(connections).filter(c -> c != gone).toArray(LocalConnection[]::new);
        return fewer.length == 0 ? null : fewer;
    }
}
