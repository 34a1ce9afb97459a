package dev.switchboard.receiver.delivery;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Members removed from a chat, remembered for as long as a grant issued before their removal could still be valid
 * ({@link #RETENTION}, over the senders' grant lifetime). A grant says "member of chat C" as of when it was signed. A
 * removed member may hold one for up to {@code switchboard.grants.ttl}. Every receiver hears every chatUpdated, so
 * every receiver refuses such a grant from the moment the removal is published, whichever receiver the user connects
 * to next.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} removals are held. Past that, the oldest are forgotten first: they are the
 * closest to expiring anyway.
 */
@Singleton
public class RemovedMembers {

    /**
     * Longer than any grant lives: senders issue them for {@code switchboard.grants.ttl} (10 minutes by default, at
     * most 1 hour), and receivers refuse a grant that would live longer than this ({@link #MAX_GRANT_LIFETIME}).
     */
    public static final Duration MAX_GRANT_LIFETIME = Duration.ofMinutes(61);

    static final Duration RETENTION = MAX_GRANT_LIFETIME.plusMinutes(5);

    static final int MAX_ENTRIES = 100_000;

    private final Map<Key, Instant> removedAt = new LinkedHashMap<>();

    /** The users left the chat at {@code at} (the chatUpdated's occurredAt, on the senders' clock like a grant's iat). */
    public synchronized void removed(UUID chatId, Collection<String> userIds, Instant at) {
        for (String userId : userIds) {
            Key key = new Key(chatId, userId);
            removedAt.remove(key); // re-inserted last: the map stays in removal order
            removedAt.put(key, at);
        }
        forgetOld(at);
    }

    /**
     * Whether a grant of this user for this chat, issued at {@code issuedAt}, predates their removal. A grant in the
     * same second as the removal counts as before it (grants carry whole seconds): refused, to fail closed.
     */
    public synchronized boolean grantPredatesRemoval(UUID chatId, String userId, Instant issuedAt) {
        Instant at = removedAt.get(new Key(chatId, userId));
        return at != null && !issuedAt.isAfter(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    synchronized int size() {
        return removedAt.size();
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(RETENTION);
        Iterator<Map.Entry<Key, Instant>> oldest = removedAt.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<Key, Instant> entry = oldest.next();
            if (removedAt.size() > MAX_ENTRIES || entry.getValue().isBefore(horizon)) {
                oldest.remove();
            } else {
                break;
            }
        }
    }

    private record Key(UUID chatId, String userId) {}
}
