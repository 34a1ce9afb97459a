package dev.switchboard.receiver.subscription;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.Partitions;
import dev.switchboard.receiver.ReceiverConfig;
import dev.switchboard.receiver.delivery.AudienceRouter;
import dev.switchboard.receiver.delivery.ClientFrameEncoder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * What the receiver does with the messages of its {@link EventSubscription}, whatever the transport: decode each once,
 * check it came on its own event's channel of its chat's partition (a sender with another partition count or prefix
 * shows up here, not as silently misrouted events), count it, hand it to the {@link AudienceRouter}; and when the
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
    private final AudienceRouter router;
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
            ClientFrameEncoder encoder,
            SubscriptionMetrics metrics,
            ReceiverConfig receiverConfig) {
        this.subscription = subscription;
        this.codec = codec;
        this.router = router;
        this.encoder = encoder;
        this.metrics = metrics;
        this.channels = new EventChannels(receiverConfig.channelPrefix(), new Partitions(receiverConfig.partitions()));
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

    public long received() {
        return received.sum();
    }

    /** How many times a lost subscription came back (and clients were told to resync). */
    public long restorations() {
        return restorations.sum();
    }

    @Override
    public void onMessage(String channel, String payload) {
        received.increment();
        EventChannels.Route route = channels.routeOf(channel);
        if (route != null) {
            metrics.received(route.type());
        }
        try {
            EventEnvelope event = codec.decode(payload);
            if (route == null || route.type() != event.type()) {
                router.rejected(event.type().wireName() + " " + event.id(), "published on channel " + channel);
                return;
            }
            int partition = channels.partitions().of(event.chatId());
            if (partition != route.partition()) {
                router.rejected(
                        event.type().wireName() + " " + event.id(),
                        "published on partition " + route.partition() + "'s channel " + channel + ", its chat is in "
                                + "partition " + partition + " (do senders and receivers agree on "
                                + "switchboard.partitions?)");
                return;
            }
            router.route(event);
        } catch (EventCodec.InvalidEventException e) {
            router.rejected("on " + channel + " (" + payload.length() + " chars)", reasonOf(e));
        } catch (RuntimeException e) {
            // Whatever went wrong with this message, the next one must still be delivered.
            router.rejected("on " + channel + " (" + payload.length() + " chars)", e.toString());
        }
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
