package dev.switchboard.receiver.subscription;

import dev.switchboard.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BooleanSupplier;

/** Subscription metrics (see METRICS.md): one counter per event channel, created once, indexed by ordinal. */
@Startup
@ApplicationScoped
public class SubscriptionMetrics {

    static final String EVENTS_RECEIVED = "switchboard.receiver.events.received";
    static final String SUBSCRIPTION_UP = "switchboard.receiver.subscription.up";
    static final String RESYNCS_SENT = "switchboard.receiver.resyncs.sent";
    static final String EVENTS_DISCARDED = "switchboard.receiver.events.discarded";

    private final Counter[] received = new Counter[EventType.values().length];
    private final Counter resyncsSent;
    private final Counter discarded;
    private volatile BooleanSupplier subscribed = () -> false;

    @Inject
    public SubscriptionMetrics(MeterRegistry registry) {
        for (EventType type : EventType.values()) {
            received[type.ordinal()] = Counter.builder(EVENTS_RECEIVED)
                    .tag("channel", type.wireName())
                    .description("Messages received on the Redis subscription, by channel (event name)")
                    .register(registry);
        }
        resyncsSent = Counter.builder(RESYNCS_SENT)
                .description("resync frames sent to clients (one per connection per restored subscription)")
                .register(registry);
        discarded = Counter.builder(EVENTS_DISCARDED)
                .description("Events dropped after a glance at their audience: nobody in it is connected here")
                .register(registry);
        Gauge.builder(SUBSCRIPTION_UP, this, metrics -> metrics.subscribed.getAsBoolean() ? 1 : 0)
                .strongReference(true)
                .description("1 while the Redis subscription is confirmed on every channel, else 0")
                .register(registry);
    }

    /** Where the gauge reads the subscription state from. */
    void reportsUpFrom(BooleanSupplier subscribed) {
        this.subscribed = subscribed;
    }

    void received(EventType channel) {
        received[channel.ordinal()].increment();
    }

    void discarded() {
        discarded.increment();
    }

    void resyncsSent(int frames) {
        resyncsSent.increment(frames);
    }
}
