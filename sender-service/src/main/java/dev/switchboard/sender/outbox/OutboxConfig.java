package dev.switchboard.sender.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** switchboard.outbox.*: the relay from the outbox table to Redis. */
@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxConfig {

    /** Most outbox rows read and published (pipelined) in one round. */
    @WithDefault("500")
    @Min(1)
    int batchSize();

    /** Safety-net poll of the outbox when no NOTIFY arrived (a NOTIFY wakes the relay at once). */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration pollInterval();

    /**
     * How long a relay woken by a commit waits for more commits before it reads, so that they share one round (one
     * read, one script per partition, one delete). 0: read at once.
     */
    @WithDefault("0ms")
    @DurationMax(millis = 100)
    Duration wakeLinger();

    /**
     * How often a relay looks at the live relays and takes or gives up partitions accordingly: about the time a dead
     * sender's partitions wait for a new owner (plus up to 3 s for PostgreSQL to notice a machine that vanished).
     */
    @WithDefault("500ms")
    @DurationMin(millis = 1)
    Duration rebalanceInterval();

    /** First wait after a failed round (Redis or PostgreSQL down); doubles on each further failure. */
    @WithDefault("100ms")
    @DurationMin(millis = 1)
    Duration retryInitialBackoff();

    /** Cap of that wait. */
    @WithDefault("5s")
    Duration retryMaxBackoff();

    /** Bound on every single relay step (connect, query, publish). */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration operationTimeout();

    /** PostgreSQL LISTEN/NOTIFY channel a commit with outbox rows notifies: a lower-case SQL identifier. */
    @WithDefault("switchboard_outbox")
    @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}", message = "must be a lower-case SQL identifier")
    String notifyChannel();

    /**
     * First key of the relays' two-key session advisory locks: (lock-space, partition) for each partition's relay,
     * (lock-space + 1, member id) for each live relay. Change it only if another application uses these keys.
     */
    @WithDefault("720371541")
    @Min(0)
    @Max(Integer.MAX_VALUE - 1)
    int lockSpace();

    /** False: this instance never relays (it serves the API only). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Refusals of one row by Redis (never outages) after which it moves to outbox_dead_letter and is not pushed. */
    @WithDefault("10")
    @Min(1)
    int maxAttempts();

    /** How often every instance refreshes the pending-rows and oldest-age gauges (one count query, never per scrape). */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration statsInterval();

    @AssertTrue(
            message = "switchboard.outbox.retry-max-backoff must not be below switchboard.outbox.retry-initial-backoff")
    default boolean isRetryBackoffCapAtLeastItsStart() {
        return retryMaxBackoff().compareTo(retryInitialBackoff()) >= 0;
    }
}
