package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Partitions;
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
import java.util.function.Supplier;

/**
 * The relay's meters (names and meanings in sender-service/METRICS.md). Every meter is created up front: the
 * publish path does one map lookup per row, never a registry lookup.
 */
@ApplicationScoped
public class OutboxMetrics {

    static final String PUBLISHED = "switchboard.events.published";
    static final String DEAD_LETTERED = "switchboard.outbox.dead.lettered";
    static final String BATCH_SIZE = "switchboard.relay.publish.batch.size";
    static final String HELD = "switchboard.relay.partitions.held";
    static final String HOLDS = "switchboard.relay.partition.held";
    static final String PENDING = "switchboard.outbox.pending.rows";
    static final String OLDEST_AGE = "switchboard.outbox.oldest.pending.age.seconds";
    static final String PARTITION_PENDING = "switchboard.outbox.partition.pending.rows";
    static final String PARTITION_OLDEST_AGE = "switchboard.outbox.partition.oldest.pending.age.seconds";
    /** The channel label of an event type this version does not know (keeps the label set bounded). */
    static final String OTHER_CHANNEL = "other";

    private final MeterRegistry registry;
    private final Map<String, Counter> ok = new HashMap<>();
    private final Map<String, Counter> error = new HashMap<>();
    private final Counter otherOk;
    private final Counter otherError;
    private final Counter deadLettered;
    private final DistributionSummary batchSize;

    private final Partitions partitions;

    private volatile long pendingRows;
    private volatile Instant oldestPending;
    private volatile long[] pendingByPartition;
    private volatile Instant[] oldestByPartition;

    public OutboxMetrics(MeterRegistry registry, EventChannels channels) {
        this.registry = registry;
        this.partitions = channels.partitions();
        this.pendingByPartition = new long[partitions.count()];
        this.oldestByPartition = new Instant[partitions.count()];
        for (EventType type : EventType.values()) {
            ok.put(type.wireName(), published(registry, channels.family(type), "ok"));
            error.put(type.wireName(), published(registry, channels.family(type), "error"));
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
        for (int partition = 0; partition < partitions.count(); partition++) {
            int p = partition;
            Gauge.builder(PARTITION_PENDING, () -> pendingByPartition[p])
                    .description("Outbox rows of the partition committed but not yet published")
                    .tag("partition", Integer.toString(p))
                    .register(registry);
            Gauge.builder(PARTITION_OLDEST_AGE, () -> ageSeconds(oldestByPartition[p]))
                    .description("Age of the partition's oldest unpublished outbox row, 0 when there is none")
                    .tag("partition", Integer.toString(p))
                    .register(registry);
        }
    }

    private static Counter published(MeterRegistry registry, String channel, String result) {
        return Counter.builder(PUBLISHED)
                .description("Events PUBLISHed to Redis by this instance's relay, by channel and outcome")
                .tag("channel", channel)
                .tag("result", result)
                .register(registry);
    }

    /** How many partitions, and which, this instance's relay holds. The supplier is held strongly by the gauges. */
    void watchHeld(Supplier<List<Integer>> held) {
        Gauge.builder(HELD, () -> held.get().size())
                .description("Partitions this instance's relay holds and publishes")
                .register(registry);
        for (int partition = 0; partition < partitions.count(); partition++) {
            int p = partition;
            Gauge.builder(HOLDS, () -> held.get().contains(p) ? 1 : 0)
                    .description("1 on the instance whose relay holds the partition, 0 elsewhere")
                    .tag("partition", Integer.toString(p))
                    .register(registry);
        }
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

    /** The last reading of the backlog: one entry per partition with rows (-1 for rows not yet given one). */
    void pending(List<OutboxRepository.Stats> stats) {
        long[] pending = new long[partitions.count()];
        Instant[] oldest = new Instant[partitions.count()];
        long total = 0;
        Instant oldestOfAll = null;
        for (OutboxRepository.Stats partition : stats) {
            total += partition.pending();
            if (oldestOfAll == null || partition.oldest().isBefore(oldestOfAll)) {
                oldestOfAll = partition.oldest();
            }
            if (partition.partition() >= 0 && partition.partition() < pending.length) {
                pending[partition.partition()] = partition.pending();
                oldest[partition.partition()] = partition.oldest();
            }
        }
        pendingByPartition = pending;
        oldestByPartition = oldest;
        pendingRows = total;
        oldestPending = oldestOfAll;
    }

    /** Computed at scrape time from the last refresh, so the age keeps growing between refreshes. */
    double oldestPendingAgeSeconds() {
        return ageSeconds(oldestPending);
    }

    private static double ageSeconds(Instant oldest) {
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
