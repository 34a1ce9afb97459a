package dev.switchboard.receiver.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Hands a decoded event to the local connections of its audience. Cost per event is a registry lookup per
 * audience member plus one frame per matching connection; the frame is encoded at most once per event and the
 * very same bytes go to every recipient (for unreadCountUpdated, each user's frame is filled into a template built
 * once per event). The frames reach the sockets through the {@link EventLoopHandOff}, one hand-over per event loop.
 * The delivery latency is recorded once per event, when its first frame is encoded.
 */
@Singleton
public class AudienceRouter {

    private static final Logger LOG = Logger.getLogger(AudienceRouter.class);

    private final ConnectionRegistry registry;
    private final ClientFrameEncoder encoder;
    private final DeliveryMetrics metrics;
    private final EventLoopHandOff handOff;
    private final Watches watches;
    private final PresenceWatches presenceWatches;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder badEvents = new LongAdder();

    @Inject
    public AudienceRouter(
            ConnectionRegistry registry,
            ClientFrameEncoder encoder,
            DeliveryMetrics metrics,
            EventLoopHandOff handOff,
            Watches watches,
            PresenceWatches presenceWatches) {
        this.watches = watches;
        this.presenceWatches = presenceWatches;
        this.registry = registry;
        this.encoder = encoder;
        this.metrics = metrics;
        this.handOff = handOff;
    }

    /** @return the number of frames handed to connections */
    public int route(EventEnvelope event) {
        try {
            int written = event.type() == EventType.UNREAD_COUNT_UPDATED
                    ? routeUnreadCounts(event)
                    : event.type().routedToWatchers() ? routeToWatchers(event) : routeShared(event);
            if (LOG.isDebugEnabled()) {
                LOG.debugf(
                        "event %s %s of chat %s: %d frames",
                        event.type().wireName(), event.id(), event.chatId(), written);
            }
            return written;
        } catch (RuntimeException e) {
            // A malformed event must cost only itself.
            rejected(describe(event), e.toString());
            return 0;
        }
    }

    /** Whether this user has a connection here now (a glance at an event's audience asks it per listed user). */
    public boolean hasAudienceHere(String userId) {
        return registry.byUser(userId).length > 0;
    }

    /** Writes one frame to every connection of this instance (resync): rare, hence the full scan. */
    public int broadcast(EncodedFrame frame) {
        EventLoopHandOff.Delivery delivery = handOff.delivery();
        int written = 0;
        for (LocalConnection connection : registry.all()) {
            if (delivery.add(connection.recipient(), frame)) {
                written++;
            }
        }
        delivery.send();
        delivered.add(written);
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
        return handOff.failedWrites();
    }

    public long badEvents() {
        return badEvents.sum();
    }

    private int routeShared(EventEnvelope event) {
        Exclusions excluded = Exclusions.of(event);
        EncodedFrame frame = null; // encoded lazily: most events have no audience on a given instance
        EventLoopHandOff.Delivery delivery = null;
        int written = 0;
        for (String userId : distinct(event.audience().userIds())) {
            for (LocalConnection connection : registry.byUser(userId)) {
                if (wants(connection, event, excluded)) {
                    if (frame == null) {
                        frame = encoder.event(event);
                        delivery = handOff.delivery();
                        metrics.firstFrameOf(event.occurredAt());
                    }
                    if (delivery.add(connection.recipient(), frame)) {
                        written++;
                    }
                }
            }
        }
        return handOver(delivery, written);
    }

    /**
     * An event for watchers here: typing to the chat's watchers whose grant has not expired, not the user the event
     * is about (their own devices do not show them typing); presenceChanged to the connections following that user.
     */
    private int routeToWatchers(EventEnvelope event) {
        JsonNode about = event.data().get("userId");
        String subject = about == null ? null : about.asText();
        boolean presence = event.type() == EventType.PRESENCE_CHANGED;
        LocalConnection[] watchers = presence
                ? (subject == null ? new LocalConnection[0] : presenceWatches.followers(subject))
                : watches.watchers(event.chatId());
        if (watchers.length == 0) {
            return 0;
        }
        Instant now = Instant.now();
        EncodedFrame frame = null;
        EventLoopHandOff.Delivery delivery = null;
        int written = 0;
        for (LocalConnection connection : watchers) {
            boolean wanted = presence
                    ? connection.presence().follows(subject, now)
                    : !connection.userId().equals(subject) && connection.watches(event.chatId(), now);
            if (!wanted || !connection.filter().accepts(event.type(), event.chatId())) {
                continue;
            }
            if (frame == null) {
                frame = encoder.event(event);
                delivery = handOff.delivery();
                metrics.firstFrameOf(event.occurredAt());
            }
            if (delivery.add(connection.recipient(), frame)) {
                written++;
            }
        }
        return handOver(delivery, written);
    }

    private int routeUnreadCounts(EventEnvelope event) {
        Map<String, Long> counts = null; // read only once a member is here: a packed list is not free to unpack
        Exclusions excluded = Exclusions.of(event);
        UnreadCountTemplate template = null; // built lazily, like the shared frame
        EventLoopHandOff.Delivery delivery = null;
        int written = 0;
        for (String userId : distinct(event.audience().userIds())) {
            LocalConnection[] local = registry.byUser(userId);
            if (local.length == 0) {
                continue;
            }
            if (counts == null) {
                counts = EventData.UnreadCounts.countsOf(event.data());
            }
            Long count = counts.get(userId);
            if (count == null) {
                continue; // in the audience but no count of theirs: nothing to tell them
            }
            EncodedFrame frame = null; // once per user, shared by that user's connections
            for (LocalConnection connection : local) {
                if (wants(connection, event, excluded)) {
                    if (frame == null) {
                        if (template == null) {
                            template = encoder.unreadCounts(event, chatIdOf(event));
                            delivery = handOff.delivery();
                            metrics.firstFrameOf(event.occurredAt());
                        }
                        frame = template.frameFor(userId, count);
                    }
                    if (delivery.add(connection.recipient(), frame)) {
                        written++;
                    }
                }
            }
        }
        return handOver(delivery, written);
    }

    private int handOver(EventLoopHandOff.Delivery delivery, int frames) {
        if (delivery != null) {
            delivery.send();
            delivered.add(frames);
        }
        return frames;
    }

    private static UUID chatIdOf(EventEnvelope event) {
        JsonNode chatId = event.data().get("chatId");
        return chatId != null && chatId.isTextual() ? UUID.fromString(chatId.asText()) : event.chatId();
    }

    private static boolean wants(LocalConnection connection, EventEnvelope event, Exclusions excluded) {
        return !excluded.skips(connection) && connection.filter().accepts(event.type(), event.chatId());
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
