package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.JumpHash;
import dev.switchboard.sender.redis.RedisClusterLink;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link EventPublisher} for the configured Redis topology ({@code switchboard.redis.mode}): standalone and
 * cluster use the application's Redis client ({@code quarkus.redis.*}; in a cluster it routes each batch's script to
 * the master of the partition's slot, and the script SPUBLISHes), sharded mode one client per node of
 * {@code switchboard.redis.shards}, the partition's node chosen by jump hash.
 */
public class RedisEventPublishers {

    @Produces
    @Singleton
    EventPublisher publisher(
            Redis application,
            Vertx vertx,
            EventRedisConfig config,
            EventChannels channels,
            @ConfigProperty(name = "quarkus.redis.client-type") Optional<String> clientType,
            @ConfigProperty(name = "quarkus.redis.timeout") Optional<java.time.Duration> timeout) {
        return switch (config.mode()) {
            case STANDALONE -> {
                requireClientType(clientType, "standalone");
                yield new RedisEventPublisher(partition -> application::send, channels, "PUBLISH", List.of());
            }
            case CLUSTER -> {
                requireClientType(clientType, "cluster");
                RedisClusterLink link = new RedisClusterLink(application);
                yield new RedisEventPublisher(partition -> link::send, channels, "SPUBLISH", List.of());
            }
            case SHARDED -> {
                List<Redis> nodes = config.shards().orElseThrow().stream()
                        .map(url -> Redis.createClient(vertx, shardOptions(url.strip())))
                        .toList();
                yield new RedisEventPublisher(
                        partition -> nodes.get(JumpHash.bucket(partition, nodes.size()))::send,
                        channels,
                        "PUBLISH",
                        nodes);
            }
        };
    }

    void close(@Disposes EventPublisher publisher) {
        if (publisher instanceof RedisEventPublisher redis) {
            redis.close();
        }
    }

    private static RedisOptions shardOptions(String url) {
        return new RedisOptions()
                .setConnectionString(url)
                .setPoolName("events-" + url.hashCode())
                .setMaxPoolWaiting(1024);
    }

    /** The application's client must speak the topology's protocol, or every publish fails at run time. */
    private static void requireClientType(Optional<String> configured, String wanted) {
        String type = configured.orElse("standalone");
        if (!type.equalsIgnoreCase(wanted)) {
            throw new IllegalStateException("switchboard.redis.mode is " + wanted + " but quarkus.redis.client-type is "
                    + type + ": set quarkus.redis.client-type=" + wanted);
        }
    }
}
