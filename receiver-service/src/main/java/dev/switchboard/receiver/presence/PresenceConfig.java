package dev.switchboard.receiver.presence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** switchboard.presence.*: who is online, kept in Redis by every receiver for its own connections. */
@ConfigMapping(prefix = "switchboard.presence")
public interface PresenceConfig {

    /** How often a receiver renews the presence of every connection it holds (its heartbeat towards Redis). */
    @WithDefault("10s")
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 5)
    Duration refreshInterval();

    /**
     * How long a connection counts as present without a renewal: a receiver that dies (kill -9, lost machine) leaves
     * its users online at most this long, plus one {@link #sweepInterval()}. At least two refresh intervals.
     */
    @WithDefault("25s")
    @DurationMin(seconds = 2)
    @DurationMax(minutes = 15)
    Duration ttl();

    /** How often each receiver looks for users whose every connection expired, and tells their watchers. */
    @WithDefault("2s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 1)
    Duration sweepInterval();

    /** Most users one presence subscription (one grant) may name. */
    @WithDefault("200")
    @Min(1)
    @Max(1000)
    int maxUsers();

    @AssertTrue(message = "switchboard.presence.ttl must be at least twice switchboard.presence.refresh-interval")
    default boolean isTtlAtLeastTwoRefreshes() {
        return ttl().compareTo(refreshInterval().multipliedBy(2)) >= 0;
    }
}
