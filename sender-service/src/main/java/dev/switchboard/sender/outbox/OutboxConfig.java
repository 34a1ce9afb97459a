package dev.switchboard.sender.outbox;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** switchboard.outbox.*: the relay from the outbox table to Redis. Meanings in application.properties. */
@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxConfig {

    int batchSize();

    Duration pollInterval();

    Duration leaderRetryInterval();

    Duration retryInitialBackoff();

    Duration retryMaxBackoff();

    Duration operationTimeout();

    String notifyChannel();

    long lockKey();

    boolean relayEnabled();

    /** Refusals of one row by Redis after which it is moved to outbox_dead_letter. */
    int maxAttempts();

    /** How often every instance refreshes the pending-rows and oldest-age gauges. */
    Duration statsInterval();
}
