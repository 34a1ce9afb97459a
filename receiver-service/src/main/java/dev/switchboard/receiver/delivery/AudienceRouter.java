package dev.switchboard.receiver.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands a decoded event to the local connections of its audience. Cost per event is a registry lookup per
 * audience member plus one write per matching connection; the frame is encoded at most once per event (per user
 * for unreadCountUpdated) and the very same String goes to every recipient. The delivery latency is recorded once
 * per event, when its first frame goes to a socket.
 */
@ApplicationScoped
public class AudienceRouter {

    private static final Logger LOG = Logger.getLogger(AudienceRouter.class);

    private final ConnectionRegistry registry;
    private final ClientFrameEncoder encoder;
    private final DeliveryMetrics metrics;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();
    private final LongAdder badEvents = new LongAdder();

    @Inject
    public AudienceRouter(ConnectionRegistry registry, ClientFrameEncoder encoder, DeliveryMetrics metrics) {
        this.registry = registry;
        this.encoder = encoder;
        this.metrics = metrics;
    }

    /** @return the number of frames written */
    public int route(EventEnvelope event) {
        try {
            int written = event.type() == EventType.UNREAD_COUNT_UPDATED ? routeUnreadCounts(event) : routeShared(event);
            if (LOG.isDebugEnabled()) {
                LOG.debugf("event %s %s of chat %s: %d frames", event.type().wireName(), event.id(), event.chatId(), written);
            }
            return written;
        } catch (RuntimeException e) {
            // A malformed event must cost only itself.
            rejected(describe(event), e.toString());
            return 0;
        }
    }

    /** Writes one frame to every connection of this instance (resync): rare, hence the full scan. */
    public int broadcast(String frame) {
        int written = 0;
        for (LocalConnection connection : registry.all()) {
            written += write(connection, frame);
        }
        return written;
    }

    /**
     * Counts and logs an event that cannot be delivered; the caller goes on with the next one. The description
     * names the event, never its content: payloads carry users' messages.
     */
    public void rejected(String description, String why) {
        badEvents.increment();
        metrics.eventInvalid();
        LOG.warnf("dropping bad event %s: %s", description, why);
    }

    public long delivered() {
        return delivered.sum();
    }

    public long failedWrites() {
        return failedWrites.sum();
    }

    public long badEvents() {
        return badEvents.sum();
    }

    private int routeShared(EventEnvelope event) {
        List<String> excluded = event.audience().excludeConnectionIds();
        String frame = null; // encoded lazily: most events have no audience on a given instance
        int written = 0;
        for (String userId : distinct(event.audience().userIds())) {
            for (LocalConnection connection : registry.byUser(userId)) {
                if (wants(connection, event, excluded)) {
                    if (frame == null) {
                        frame = encoder.event(event);
                        metrics.firstFrameOf(event.occurredAt());
                    }
                    written += write(connection, frame);
                }
            }
        }
        return written;
    }

    private int routeUnreadCounts(EventEnvelope event) {
        JsonNode counts = event.data().get("counts");
        if (counts == null || !counts.isObject()) {
            rejected(describe(event), "unreadCountUpdated without a counts object");
            return 0;
        }
        UUID chatId = chatIdOf(event);
        List<String> excluded = event.audience().excludeConnectionIds();
        int written = 0;
        boolean first = true;
        for (String userId : distinct(event.audience().userIds())) {
            JsonNode count = counts.get(userId);
            if (count == null || !count.canConvertToLong()) {
                continue; // in the audience but no count of theirs: nothing to tell them
            }
            String frame = null; // once per user, shared by that user's connections
            for (LocalConnection connection : registry.byUser(userId)) {
                if (wants(connection, event, excluded)) {
                    if (frame == null) {
                        frame = encoder.unreadCount(event, chatId, userId, count.asLong());
                        if (first) {
                            metrics.firstFrameOf(event.occurredAt());
                            first = false;
                        }
                    }
                    written += write(connection, frame);
                }
            }
        }
        return written;
    }

    private static UUID chatIdOf(EventEnvelope event) {
        JsonNode chatId = event.data().get("chatId");
        return chatId != null && chatId.isTextual() ? UUID.fromString(chatId.asText()) : event.chatId();
    }

    private static boolean wants(LocalConnection connection, EventEnvelope event, List<String> excluded) {
        return (excluded.isEmpty() || !excluded.contains(connection.connectionId()))
                && connection.filter().accepts(event.type(), event.chatId());
    }

    private int write(LocalConnection connection, String frame) {
        try {
            connection.recipient().send(frame);
            delivered.increment();
            return 1;
        } catch (RuntimeException e) {
            // Recipients should not throw; if one does, the others still get the frame.
            failedWrites.increment();
            LOG.debugf(e, "write to connection %s failed", connection.connectionId());
            return 0;
        }
    }

    /** Audiences are distinct in practice; a duplicate must still not mean a second copy. */
    private static Collection<String> distinct(List<String> userIds) {
        if (userIds.size() < 2) {
            return userIds;
        }
        Set<String> unique = new LinkedHashSet<>(userIds);
        return unique.size() == userIds.size() ? userIds : unique;
    }

    private static String describe(EventEnvelope event) {
        return event.type().wireName() + " " + event.id();
    }
}
