package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.SenderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The relay's meters (names and meanings in sender-service/METRICS.md). Every meter is created up front: the
 * publish path does one map lookup per row, never a registry lookup.
 */
@ApplicationScoped
public class OutboxMetrics {

    static final String PUBLISHED = "switchboard.events.published";
    static final String DEAD_LETTERED = "switchboard.outbox.dead.lettered";
    static final String BATCH_SIZE = "switchboard.relay.publish.batch.size";
    static final String LEADER = "switchboard.relay.leader";
    static final String PENDING = "switchboard.outbox.pending.rows";
    static final String OLDEST_AGE = "switchboard.outbox.oldest.pending.age.seconds";
    /** The channel label of an event type this version does not know (keeps the label set bounded). */
    static final String OTHER_CHANNEL = "other";

    private final MeterRegistry registry;
    private final Map<String, Counter> ok = new HashMap<>();
    private final Map<String, Counter> error = new HashMap<>();
    private final Counter otherOk;
    private final Counter otherError;
    private final Counter deadLettered;
    private final DistributionSummary batchSize;

    private volatile long pendingRows;
    private volatile Instant oldestPending;

    public OutboxMetrics(MeterRegistry registry, SenderConfig config) {
        this.registry = registry;
        EventChannels channels = new EventChannels(config.channelPrefix());
        for (EventType type : EventType.values()) {
            ok.put(type.wireName(), published(registry, channels.channel(type), "ok"));
            error.put(type.wireName(), published(registry, channels.channel(type), "error"));
        }
        otherOk = published(registry, OTHER_CHANNEL, "ok");
        otherError = published(registry, OTHER_CHANNEL, "error");
        deadLettered = Counter.builder(DEAD_LETTERED)
                .description("Outbox rows given up after switchboard.outbox.max-attempts refusals by Redis")
                .register(registry);
        batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Outbox rows read and published per relay round")
                .register(registry);
        Gauge.builder(PENDING, () -> pendingRows)
                .description(
                        "Outbox rows committed but not yet published (refreshed every switchboard.outbox.stats-interval)")
                .register(registry);
        Gauge.builder(OLDEST_AGE, this::oldestPendingAgeSeconds)
                .description("Age of the oldest unpublished outbox row, 0 when there is none")
                .register(registry);
    }

    private static Counter published(MeterRegistry registry, String channel, String result) {
        return Counter.builder(PUBLISHED)
                .description("Events PUBLISHed to Redis by this instance's relay, by channel and outcome")
                .tag("channel", channel)
                .tag("result", result)
                .register(registry);
    }

    /** 1 while {@code leader} says so, 0 otherwise. The supplier is held strongly by the gauge. */
    void watchLeader(BooleanSupplier leader) {
        Gauge.builder(LEADER, () -> leader.getAsBoolean() ? 1 : 0)
                .description("1 on the instance whose relay holds the lock and publishes, 0 on standbys")
                .register(registry);
    }

    void published(List<OutboxRow> rows) {
        for (OutboxRow row : rows) {
            ok.getOrDefault(row.eventType(), otherOk).increment();
        }
    }

    void failed(List<OutboxRow> rows) {
        for (OutboxRow row : rows) {
            error.getOrDefault(row.eventType(), otherError).increment();
        }
    }

    void round(int rows) {
        batchSize.record(rows);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void pending(long rows, Instant oldest) {
        pendingRows = rows;
        oldestPending = oldest;
    }

    /** Computed at scrape time from the last refresh, so the age keeps growing between refreshes. */
    double oldestPendingAgeSeconds() {
        Instant oldest = oldestPending;
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
