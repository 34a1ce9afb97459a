package dev.switchboard.receiver.typing;

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

/**
 * The {@link EphemeralPublisher} of the configured Redis topology: the node where senders publish a partition's events
 * (the first of {@code quarkus.redis.hosts}; the partition's shard; the cluster, routed by slot). Its own clients:
 * the subscription's connections are in subscriber mode and cannot publish.
 */
public class RedisEphemeralPublishers {

    @Produces
    @Singleton
    EphemeralPublisher publisher(Vertx vertx, RedisHostsConfig hosts, EventRedisConfig redis) {
        return of(
                vertx,
                redis.mode(),
                hosts.hosts().stream().map(String::strip).toList(),
                redis.shards().orElse(List.of()).stream().map(String::strip).toList());
    }

    /**
     * @param hosts  {@code quarkus.redis.hosts}: the node (standalone, the first) or the cluster's seeds
     * @param shards {@code switchboard.redis.shards} (sharded mode)
     */
    public static EphemeralPublisher of(Vertx vertx, RedisMode mode, List<String> hosts, List<String> shards) {
        return switch (mode) {
            case STANDALONE -> {
                Redis node = client(vertx, RedisClientType.STANDALONE, List.of(hosts.getFirst()));
                yield new RedisEphemeralPublisher(partition -> node, "PUBLISH");
            }
            case SHARDED -> {
                List<Redis> nodes = shards.stream()
                        .map(url -> client(vertx, RedisClientType.STANDALONE, List.of(url)))
                        .toList();
                yield new RedisEphemeralPublisher(
                        partition -> nodes.get(JumpHash.bucket(partition, nodes.size())), "PUBLISH");
            }
            case CLUSTER -> {
                Redis cluster = client(vertx, RedisClientType.CLUSTER, hosts);
                yield new RedisEphemeralPublisher(partition -> cluster, "SPUBLISH");
            }
        };
    }

    private static Redis client(Vertx vertx, RedisClientType type, List<String> urls) {
        RedisOptions options =
                new RedisOptions().setType(type).setMaxPoolSize(4).setMaxPoolWaiting(256);
        urls.forEach(options::addConnectionString);
        return Redis.createClient(vertx, options);
    }
}
