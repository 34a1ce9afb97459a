package dev.switchboard.runtime;

/**
 * How a deployment's events are spread over Redis ({@code switchboard.redis.mode}), the same on senders and receivers.
 * <ul>
 *   <li>{@link #STANDALONE}: one Redis (or one primary behind a failover address): PUBLISH and SUBSCRIBE on it.
 *   <li>{@link #SHARDED}: independent Redis nodes ({@code switchboard.redis.shards}); partition p lives on node
 *       {@code JumpHash.bucket(p, nodes)} (common-events); PUBLISH and SUBSCRIBE per node.
 *   <li>{@link #CLUSTER}: Redis Cluster 7+; sharded pub/sub (SPUBLISH, SSUBSCRIBE) in each partition's slot.
 * </ul>
 */
public enum RedisMode {
    STANDALONE,
    SHARDED,
    CLUSTER;

    /** The message of both services' refusal when {@link #fitsShards} is false. */
    public static final String SHARDS_RULE = "switchboard.redis.shards must list at least one Redis URL when "
            + "switchboard.redis.mode is sharded, and nothing otherwise";

    /** Whether a shard list is given exactly when this mode needs one. */
    public boolean fitsShards(java.util.Optional<java.util.List<String>> shards) {
        return (this == SHARDED) == shards.filter(list -> !list.isEmpty()).isPresent();
    }
}
