package dev.switchboard.sender.outbox;

import static dev.switchboard.runtime.testing.ConfigMappings.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.runtime.testing.ConfigMappings;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.SenderConfig;
import dev.switchboard.sender.admin.AdminConfig;
import dev.switchboard.sender.auth.DevTokensConfig;
import dev.switchboard.sender.auth.TokenCacheConfig;
import dev.switchboard.sender.database.DatabaseConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings the sender must not run with stop its start, and the message names the key to fix. */
class ConfigValidationTest {

    @Test
    void theDefaultsAreValid() {
        for (Class<?> mapping : List.of(
                SenderConfig.class,
                LimitsConfig.class,
                OutboxConfig.class,
                DatabaseConfig.class,
                AdminConfig.class,
                DevTokensConfig.class,
                TokenCacheConfig.class,
                EventRedisConfig.class)) {
            assertEquals(Optional.empty(), ConfigMappings.refusal(mapping, Map.of()), mapping.getSimpleName());
        }
        assertEquals(500, ConfigMappings.read(OutboxConfig.class, Map.of()).batchSize());
    }

    @Test
    void whatTheRelayUsedToCheckByHandIsRefusedNamingTheKey() {
        assertRefused(
                OutboxConfig.class, Map.of("switchboard.outbox.batch-size", "0"), "switchboard.outbox.batch-size");
        assertRefused(
                OutboxConfig.class, Map.of("switchboard.outbox.max-attempts", "0"), "switchboard.outbox.max-attempts");
        assertRefused(
                OutboxConfig.class,
                Map.of("switchboard.outbox.notify-channel", "Robert'); DROP TABLE outbox;--"),
                "switchboard.outbox.notify-channel");
    }

    @Test
    void inconsistentPairsAreRefused() {
        assertRefused(
                OutboxConfig.class,
                Map.of("switchboard.outbox.retry-max-backoff", "10ms"),
                "switchboard.outbox.retry-max-backoff");
        assertRefused(
                LimitsConfig.class,
                Map.of("switchboard.limits.page-default-limit", "500"),
                "switchboard.limits.page-default-limit");
        assertRefused(
                DevTokensConfig.class,
                Map.of("switchboard.dev-tokens.default-ttl", "48h"),
                "switchboard.dev-tokens.default-ttl");
    }

    @Test
    void theRedisTopologyNeedsItsShardsExactlyInShardedMode() {
        assertRefused(EventRedisConfig.class, Map.of("switchboard.redis.mode", "sharded"), "switchboard.redis.shards");
        assertRefused(
                EventRedisConfig.class,
                Map.of("switchboard.redis.shards", "redis://127.0.0.1:7000"),
                "switchboard.redis.shards");
        assertEquals(
                dev.switchboard.runtime.RedisMode.SHARDED,
                ConfigMappings.read(
                                EventRedisConfig.class,
                                Map.of(
                                        "switchboard.redis.mode",
                                        "sharded",
                                        "switchboard.redis.shards",
                                        "redis://127.0.0.1:7000,redis://127.0.0.1:7001"))
                        .mode());
        assertEquals(
                dev.switchboard.runtime.RedisMode.CLUSTER,
                ConfigMappings.read(EventRedisConfig.class, Map.of("switchboard.redis.mode", "cluster"))
                        .mode());
        assertRefused(SenderConfig.class, Map.of("switchboard.partitions", "0"), "switchboard.partitions");
        assertRefused(SenderConfig.class, Map.of("switchboard.partitions", "5000"), "switchboard.partitions");
    }

    @Test
    void limitsAndTimeoutsBelowTheirMinimumAreRefused() {
        assertRefused(
                LimitsConfig.class,
                Map.of("switchboard.limits.chat-max-members", "0"),
                "switchboard.limits.chat-max-members");
        assertRefused(
                DatabaseConfig.class,
                Map.of("switchboard.database.operation-timeout", "0s"),
                "switchboard.database.operation-timeout");
        assertRefused(
                AdminConfig.class,
                Map.of("switchboard.admin.republish-max-messages", "-1"),
                "switchboard.admin.republish-max-messages");
    }
}
