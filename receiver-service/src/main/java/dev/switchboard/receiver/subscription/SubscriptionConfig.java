package dev.switchboard.receiver.subscription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** switchboard.subscription.*: proving, and restoring, this instance's Redis subscription. */
@ConfigMapping(prefix = "switchboard.subscription")
public interface SubscriptionConfig {

    /** How often the subscription is re-confirmed (SUBSCRIBE again on the same connection) to prove it is alive. */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration checkInterval();

    /** How long a connect plus SUBSCRIBE, or a liveness check, may take before the subscription counts as lost. */
    @WithDefault("2s")
    @DurationMin(millis = 1)
    Duration checkTimeout();

    /**
     * How long a liveness check may stay unconfirmed while messages keep arriving on the subscription (its
     * confirmation is queued behind them: the subscriber is lagging, not lost) before it counts as lost anyway. A
     * check is only sent after an interval without messages.
     */
    @WithDefault("30s")
    @DurationMin(millis = 1)
    Duration busyCheckTimeout();

    /** First wait before reconnecting after a loss; doubled on each failed attempt. */
    @WithDefault("100ms")
    @DurationMin(millis = 1)
    Duration reconnectInitialBackoff();

    /**
     * Cluster mode: how often the receiver reads the cluster's topology (CLUSTER SLOTS) and moves a partition whose
     * master changed; a lost connection or an unsolicited sunsubscribe re-maps at once anyway.
     */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration topologyRefreshInterval();

    /** Cap of the reconnect wait. */
    @WithDefault("5s")
    Duration reconnectMaxBackoff();

    @AssertTrue(
            message = "switchboard.subscription.reconnect-max-backoff must not be below"
                    + " switchboard.subscription.reconnect-initial-backoff")
    default boolean isReconnectBackoffCapAtLeastItsStart() {
        return reconnectMaxBackoff().compareTo(reconnectInitialBackoff()) >= 0;
    }
}
