package dev.switchboard.sender.outbox;

import dev.switchboard.runtime.RedisMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import java.util.List;
import java.util.Optional;

/** switchboard.redis.*: where the events go (the same on senders and receivers). */
@ConfigMapping(prefix = "switchboard.redis")
public interface EventRedisConfig {

    /**
     * {@code standalone}: the events go to {@code quarkus.redis.hosts}. {@code sharded}: to the nodes of
     * {@code switchboard.redis.shards}, each partition to one. {@code cluster}: to the Redis Cluster of
     * {@code quarkus.redis.hosts} (with {@code quarkus.redis.client-type=cluster}), by sharded pub/sub.
     */
    @WithDefault("standalone")
    RedisMode mode();

    /**
     * Sharded mode: the Redis nodes, as {@code redis://host:port} URLs, in an order every instance shares (a
     * partition's node is jump-hash(partition) over this list: appending a node moves only the partitions it takes).
     */
    Optional<List<String>> shards();

    @AssertTrue(message = RedisMode.SHARDS_RULE)
    default boolean isShardListGivenExactlyForShardedMode() {
        return mode().fitsShards(shards());
    }
}
