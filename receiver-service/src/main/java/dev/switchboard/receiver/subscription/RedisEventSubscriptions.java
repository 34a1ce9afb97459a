package dev.switchboard.receiver.subscription;

import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The {@link EventSubscription} of the configured Redis topology ({@code switchboard.redis.mode}). */
public class RedisEventSubscriptions {

    @Produces
    @Singleton
    EventSubscription subscription(
            Vertx vertx, SubscriptionConfig config, RedisHostsConfig hosts, EventRedisConfig redis) {
        return switch (redis.mode()) {
            case STANDALONE -> new RedisPubSubSubscription(vertx, config, List.of(hosts.subscriptionUrl()));
            case SHARDED ->
                new RedisPubSubSubscription(
                        vertx,
                        config,
                        redis.shards().orElseThrow().stream().map(String::strip).toList());
            case CLUSTER ->
                new RedisClusterSubscription(
                        vertx, config, hosts.hosts().stream().map(String::strip).toList());
        };
    }
}
