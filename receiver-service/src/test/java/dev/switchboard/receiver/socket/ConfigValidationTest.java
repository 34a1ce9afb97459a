package dev.switchboard.receiver.socket;

import static dev.switchboard.runtime.testing.ConfigMappings.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.receiver.ReceiverConfig;
import dev.switchboard.receiver.delivery.DeliveryConfig;
import dev.switchboard.receiver.subscription.EventRedisConfig;
import dev.switchboard.receiver.subscription.SubscriptionConfig;
import dev.switchboard.runtime.testing.ConfigMappings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings the receiver must not run with stop its start, and the message names the key to fix. */
class ConfigValidationTest {

    @Test
    void theDefaultsAreValid() {
        assertEquals(Optional.empty(), ConfigMappings.refusal(SocketConfig.class, Map.of()));
        assertEquals(Optional.empty(), ConfigMappings.refusal(DeliveryConfig.class, Map.of()));
        assertEquals(Optional.empty(), ConfigMappings.refusal(SubscriptionConfig.class, Map.of()));
        assertEquals(Optional.empty(), ConfigMappings.refusal(EventRedisConfig.class, Map.of()));
        assertEquals(
                Duration.ofSeconds(120),
                ConfigMappings.read(SocketConfig.class, Map.of()).idleTimeout());
        assertEquals(
                "receiver-7",
                ConfigMappings.read(ReceiverConfig.class, Map.of("HOSTNAME", "receiver-7"))
                        .instanceId());
    }

    @Test
    void shardsAreRequiredInShardedModeAndRefusedOtherwise() {
        assertRefused(EventRedisConfig.class, Map.of("switchboard.redis.mode", "sharded"), "switchboard.redis.shards");
        assertRefused(
                EventRedisConfig.class,
                Map.of("switchboard.redis.mode", "cluster", "switchboard.redis.shards", "redis://127.0.0.1:7000"),
                "switchboard.redis.shards");
        assertRefused(ReceiverConfig.class, Map.of("switchboard.partitions", "0"), "switchboard.partitions");
    }

    @Test
    void anIdleTimeoutShorterThanTwoHeartbeatsIsRefused() {
        assertRefused(
                SocketConfig.class,
                Map.of("switchboard.socket.idle-timeout", "50s"),
                "switchboard.socket.idle-timeout must be at least twice switchboard.socket.heartbeat-seconds");
    }

    @Test
    void boundsBelowOneAreRefusedNamingTheKey() {
        assertRefused(
                DeliveryConfig.class,
                Map.of("switchboard.delivery.max-pending-frames", "0"),
                "switchboard.delivery.max-pending-frames");
        assertRefused(
                SocketConfig.class,
                Map.of("switchboard.socket.heartbeat-seconds", "0"),
                "switchboard.socket.heartbeat-seconds");
        assertRefused(
                SubscriptionConfig.class,
                Map.of("switchboard.subscription.check-timeout", "0s"),
                "switchboard.subscription.check-timeout");
    }

    @Test
    void aBackoffCapBelowItsStartIsRefused() {
        assertRefused(
                SubscriptionConfig.class,
                Map.of("switchboard.subscription.reconnect-max-backoff", "10ms"),
                "switchboard.subscription.reconnect-max-backoff");
    }
}
