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
}
