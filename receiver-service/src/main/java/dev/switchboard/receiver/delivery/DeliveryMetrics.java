package dev.switchboard.receiver.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Delivery metrics (see METRICS.md), all created once here so that recording never looks a meter up. */
@Startup
@Singleton
public class DeliveryMetrics {

    static final String FRAMES_DELIVERED = "switchboard.receiver.frames.delivered";
    static final String DELIVERY_LATENCY = "switchboard.receiver.delivery.latency";
    static final String EVENTS_INVALID = "switchboard.receiver.events.invalid";

    private final Counter framesDelivered;
    private final Counter eventsInvalid;
    private final Timer deliveryLatency;
    private final LongSupplier clockMillis;

    @Inject
    public DeliveryMetrics(MeterRegistry registry) {
        this(registry, System::currentTimeMillis);
    }

    DeliveryMetrics(MeterRegistry registry, LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        framesDelivered = Counter.builder(FRAMES_DELIVERED)
                .description("Event and resync frames written to client sockets (write completed)")
                .register(registry);
        eventsInvalid = Counter.builder(EVENTS_INVALID)
                .description("Events from Redis that could not be decoded or routed, dropped")
                .register(registry);
        deliveryLatency = Timer.builder(DELIVERY_LATENCY)
                .description("From the event's occurredAt to its first frame encoded for delivery, once per event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** One frame is on the wire: called when the socket write completed. */
    public void frameWritten() {
        framesDelivered.increment();
    }

    void eventInvalid() {
        eventsInvalid.increment();
    }

    /**
     * The first frame of an event goes to a socket now. Clock skew between the sender that stamped occurredAt and
     * this instance can make the difference negative; it counts as 0 so that every delivered event is counted.
     */
    void firstFrameOf(Instant occurredAt) {
        if (occurredAt != null) {
            deliveryLatency.record(
                    Math.max(0, clockMillis.getAsLong() - occurredAt.toEpochMilli()), TimeUnit.MILLISECONDS);
        }
    }
}
