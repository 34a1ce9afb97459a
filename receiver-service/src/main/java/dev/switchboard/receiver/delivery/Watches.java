package dev.switchboard.receiver.delivery;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
    private final RemovedMembers removed;

    @Inject
    public Watches(RemovedMembers removed) {
        this.removed = removed;
    }

    /** What became of a watch. */
    public enum Outcome {
        WATCHING,
        /** It would watch more than the most chats a connection may watch; nothing changed. */
        TOO_MANY,
        /** The user was removed from the chat after the grant was issued; nothing changed. */
        REMOVED
    }

    /**
     * The connection watches the chat until {@code until} (a renewal moves the time on), on a grant issued at
     * {@code issuedAt}.
     */
    public Outcome watch(
            LocalConnection connection, UUID chatId, Instant issuedAt, Instant until, int maxPerConnection) {
        if (removed.grantPredatesRemoval(chatId, connection.userId(), issuedAt)) {
            return Outcome.REMOVED;
        }
        synchronized (connection) {
            Map<UUID, Instant> watched = new HashMap<>(connection.watched());
            if (!watched.containsKey(chatId) && watched.size() >= maxPerConnection) {
                return Outcome.TOO_MANY;
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
            return Outcome.WATCHING;
        }
    }

    /**
     * Users left the chat (a chatUpdated's removedMemberIds, at its occurredAt): their connections here stop watching
     * it, and no receiver takes a grant of theirs for it issued before then.
     */
    public void membersRemoved(UUID chatId, Collection<String> userIds, Instant at) {
        removed.removed(chatId, userIds, at);
        Set<String> gone = Set.copyOf(userIds);
        for (LocalConnection connection : watchers(chatId)) {
            if (gone.contains(connection.userId())) {
                unwatch(connection, chatId);
            }
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
