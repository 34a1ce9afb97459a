package dev.switchboard.receiver.subscription;

import dev.switchboard.runtime.RedisMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import java.util.List;
import java.util.Optional;

/** switchboard.redis.*: where the events come from (the same on senders and receivers). */
@ConfigMapping(prefix = "switchboard.redis")
public interface EventRedisConfig {

    /**
     * {@code standalone}: subscribe at the first of {@code quarkus.redis.hosts}. {@code sharded}: at every node of
     * {@code switchboard.redis.shards}, each partition where senders publish it. {@code cluster}: sharded pub/sub on the
     * Redis Cluster whose seed nodes are {@code quarkus.redis.hosts}.
     */
    @WithDefault("standalone")
    RedisMode mode();

    /** Sharded mode: the Redis nodes, as {@code redis://host:port} URLs, in the order every instance shares. */
    Optional<List<String>> shards();

    @AssertTrue(message = RedisMode.SHARDS_RULE)
    default boolean isShardListGivenExactlyForShardedMode() {
        return mode().fitsShards(shards());
    }
}
