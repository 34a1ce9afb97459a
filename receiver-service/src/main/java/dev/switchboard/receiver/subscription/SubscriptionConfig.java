package dev.switchboard.receiver.subscription;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "switchboard.subscription")
public interface SubscriptionConfig {

    /** How often the subscription is re-confirmed (SUBSCRIBE again on the same connection) to prove it is alive. */
    Duration checkInterval();

    /** How long a connect plus SUBSCRIBE, or a liveness check, may take before the subscription counts as lost. */
    Duration checkTimeout();

    /**
     * How long a liveness check may stay unconfirmed while messages keep arriving on the subscription (its
     * confirmation is queued behind them: the subscriber is lagging, not lost) before it counts as lost anyway.
     */
    Duration busyCheckTimeout();

    /** First wait before reconnecting after a loss; doubled on each failed attempt. */
    Duration reconnectInitialBackoff();

    /** Cap of the reconnect wait. */
    Duration reconnectMaxBackoff();
}
