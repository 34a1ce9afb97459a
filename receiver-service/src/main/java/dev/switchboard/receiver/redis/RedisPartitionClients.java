package dev.switchboard.receiver.redis;

import dev.switchboard.events.JumpHash;
import dev.switchboard.receiver.subscription.EventRedisConfig;
import dev.switchboard.receiver.subscription.RedisHostsConfig;
import dev.switchboard.runtime.RedisMode;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The receiver's own Redis clients for what it writes (typing, presence): the node where senders publish a
 * partition's events (the first of {@code quarkus.redis.hosts}; the partition's shard by jump hash; the cluster,
 * routed by the slot of the keys, which carry the partition's hash tag), and the publish command there. Apart from
 * the subscription's connections, which are in subscriber mode and cannot write.
 *
 * @param nodeOf         the client that reaches a partition's Redis
 * @param publishCommand {@code PUBLISH}, or {@code SPUBLISH} in a Redis Cluster (from scripts, in the keys' slot)
 */
public record RedisPartitionClients(IntFunction<Redis> nodeOf, String publishCommand) {

    /**
     * @param hosts  {@code quarkus.redis.hosts}: the node (standalone, the first) or the cluster's seeds
     * @param shards {@code switchboard.redis.shards} (sharded mode)
     */
    public static RedisPartitionClients of(Vertx vertx, RedisMode mode, List<String> hosts, List<String> shards) {
        return switch (mode) {
            case STANDALONE -> {
                Redis node = client(vertx, RedisClientType.STANDALONE, List.of(hosts.getFirst()));
                yield new RedisPartitionClients(partition -> node, "PUBLISH");
            }
            case SHARDED -> {
                List<Redis> nodes = shards.stream()
                        .map(url -> client(vertx, RedisClientType.STANDALONE, List.of(url)))
                        .toList();
                yield new RedisPartitionClients(
                        partition -> nodes.get(JumpHash.bucket(partition, nodes.size())), "PUBLISH");
            }
            case CLUSTER -> {
                Redis cluster = client(vertx, RedisClientType.CLUSTER, hosts);
                yield new RedisPartitionClients(partition -> cluster, "SPUBLISH");
            }
        };
    }

    private static Redis client(Vertx vertx, RedisClientType type, List<String> urls) {
        RedisOptions options =
                new RedisOptions().setType(type).setMaxPoolSize(8).setMaxPoolWaiting(4096);
        urls.forEach(options::addConnectionString);
        return Redis.createClient(vertx, options);
    }

    /** The configured topology's clients, shared by typing and presence. */
    static final class Producer {

        @Produces
        @Singleton
        RedisPartitionClients clients(Vertx vertx, RedisHostsConfig hosts, EventRedisConfig redis) {
            return of(
                    vertx,
                    redis.mode(),
                    hosts.hosts().stream().map(String::strip).toList(),
                    redis.shards().orElse(List.of()).stream().map(String::strip).toList());
        }
    }
}
