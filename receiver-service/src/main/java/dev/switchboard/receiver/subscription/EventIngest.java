package dev.switchboard.receiver.subscription;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EnvelopeGlance;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.delivery.AudienceRouter;
import dev.switchboard.receiver.delivery.ClientFrameEncoder;
import dev.switchboard.receiver.delivery.Watches;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * What the receiver does with the messages of its {@link EventSubscription}, whatever the transport: glance at each
 * event's audience and drop it there when nobody here is in it (the fate of most events on most receivers), decode
 * the others once, check every event came on its own event's channel of its chat's partition (a sender with another
 * partition count or prefix shows up here, not as silently misrouted events), count it, hand it to the {@link AudienceRouter}; and when the
 * subscription comes back after a loss, tell every local client to {@code resync} (they may have missed events).
 * A message that cannot be used costs only itself.
 */
@Singleton
public class EventIngest implements EventSubscription.Listener {

    static final String RESTORED = "subscription-restored";
    static final String STARTED = "subscription-started";

    private static final Logger LOG = Logger.getLogger(EventIngest.class);

    private final EventSubscription subscription;
    private final EventCodec codec;
    private final EnvelopeGlance glance;
    private final AudienceRouter router;
    private final Watches watches;
    private final ClientFrameEncoder encoder;
    private final SubscriptionMetrics metrics;
    private final EventChannels channels;
    private final LongAdder received = new LongAdder();
    private final LongAdder restorations = new LongAdder();
    private volatile boolean started;

    @Inject
    public EventIngest(
            EventSubscription subscription,
            EventCodec codec,
            AudienceRouter router,
            Watches watches,
            ClientFrameEncoder encoder,
            SubscriptionMetrics metrics,
            EventChannels channels) {
        this.watches = watches;
        this.subscription = subscription;
        this.codec = codec;
        this.glance = codec.glance();
        this.router = router;
        this.encoder = encoder;
        this.metrics = metrics;
        this.channels = channels;
        metrics.reportsUpFrom(subscription::isSubscribed);
    }

    void onStart(@Observes StartupEvent event) {
        subscription.start(channels, this);
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        subscription.stop();
    }

    /** Whether the subscription has been started (it then connects, and reconnects, on its own). */
    public boolean isStarted() {
        return started;
    }

    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    /** Whether events of at least some partitions flow (every partition in standalone mode). */
    public boolean isServing() {
        return subscription.isServing();
    }

    public EventSubscription.State state() {
        return subscription.state();
    }

    /**
     * The partition count this receiver subscribes for. Receivers have no database to check it against: it must equal
     * the senders' (their readiness data shows theirs), or this receiver listens on channels nobody publishes to.
     */
    public int partitionCount() {
        return channels.partitions().count();
    }

    public long received() {
        return received.sum();
    }

    /** How many times a lost subscription came back (and clients were told to resync). */
    public long restorations() {
        return restorations.sum();
    }

    @Override
    public void onMessage(String channel, ByteBuffer payload) {
        byte[] bytes = payload.array();
        int offset = payload.arrayOffset() + payload.position();
        int length = payload.remaining();
        received.increment();
        EventChannels.Route route = channels.routeOf(channel);
        if (route != null) {
            metrics.received(route.type());
        }
        try {
            // Most events have nobody here: reading their audience is all they may cost. Events for a chat's
            // watchers (typing: small, throttled at the source) list no audience and are decoded whole, and so are
            // chat changes (rare), which every receiver needs for the members they remove.
            EnvelopeGlance.Seen seen =
                    route != null && (route.type().routedToWatchers() || route.type() == EventType.CHAT_UPDATED)
                            ? null
                            : glance.read(bytes, offset, length, router::hasAudienceHere);
            if (seen != null && !seen.forSomeone()) {
                String misrouted = misrouted(
                        route,
                        EventType.lookup(seen.type()),
                        channels.partitions().of(UUID.fromString(seen.chatId())));
                if (misrouted != null) {
                    router.rejected(seen.type() + " of chat " + seen.chatId(), misrouted + channel);
                    return;
                }
                metrics.discarded();
                return;
            }
            EventEnvelope event = codec.decode(bytes, offset, length);
            String misrouted = misrouted(route, event.type(), partitionOf(event));
            if (misrouted != null) {
                router.rejected(event.type().wireName() + " " + event.id(), misrouted + channel);
                return;
            }
            if (event.type() == EventType.CHAT_UPDATED) {
                EventData.ChatUpdated updated = codec.dataAs(event, EventData.ChatUpdated.class);
                if (updated.removedMemberIds() != null
                        && !updated.removedMemberIds().isEmpty()) {
                    watches.membersRemoved(event.chatId(), updated.removedMemberIds(), event.occurredAt());
                }
            }
            router.route(event);
        } catch (EventCodec.InvalidEventException e) {
            router.rejected("on " + channel + " (" + length + " bytes)", reasonOf(e));
        } catch (RuntimeException e) {
            // Whatever went wrong with this message, the next one must still be delivered.
            router.rejected("on " + channel + " (" + length + " bytes)", e.toString());
        }
    }

    /**
     * Why an event does not belong on the channel it came on (to be followed by the channel's name), or null when it
     * does: its own type's channel of its chat's partition. A sender with another partition count or prefix shows up
     * here.
     */
    private String misrouted(EventChannels.Route route, EventType type, int partition) {
        if (route == null || route.type() != type) {
            return "published on channel ";
        }
        if (partition != route.partition()) {
            return "its chat is in partition " + partition + " (do senders and receivers agree on "
                    + "switchboard.partitions?), published on partition " + route.partition() + "'s channel ";
        }
        return null;
    }

    /** A chat's partition; for presence, which is about a user and no chat, the user's. */
    private int partitionOf(EventEnvelope event) {
        if (event.chatId() != null) {
            return channels.partitions().of(event.chatId());
        }
        JsonNode userId = event.data().get("userId");
        if (event.type() != EventType.PRESENCE_CHANGED || userId == null || !userId.isTextual()) {
            throw new EventCodec.InvalidEventException("event without a chat", null);
        }
        return channels.partitions().ofUser(userId.asText());
    }

    @Override
    public void onSubscribed(boolean restored) {
        // Clients connected while the subscription was down may have missed events: they re-read history.
        if (restored) {
            restorations.increment();
        }
        int told = router.broadcast(encoder.resync(restored ? RESTORED : STARTED));
        metrics.resyncsSent(told);
        if (restored) {
            LOG.infof("resync sent to %d connections after the subscription came back", told);
        }
    }

    /**
     * Why an event could not be decoded, for the log. A JSON parser's message quotes the offending piece of the
     * payload, which may be a user's message: only its kind and position are kept.
     */
    static String reasonOf(EventCodec.InvalidEventException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return "cannot decode event: " + json.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return e.getMessage();
    }
}
