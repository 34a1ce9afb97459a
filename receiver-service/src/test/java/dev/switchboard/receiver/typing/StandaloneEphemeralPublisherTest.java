package dev.switchboard.receiver.typing;

import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.receiver.redis.RedisPartitionClients;
import dev.switchboard.receiver.subscription.EventSubscription;
import dev.switchboard.receiver.subscription.RedisPubSubSubscription;
import dev.switchboard.runtime.RedisMode;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Redis (standalone). */
class StandaloneEphemeralPublisherTest extends EphemeralPublisherContract {

    private static Vertx vertx;
    private static EmbeddedRedis redis;
    private static EphemeralPublisher publisher;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        redis = EmbeddedRedis.startOnFreePort();
        publisher = new RedisEphemeralPublisher(
                RedisPartitionClients.of(vertx, RedisMode.STANDALONE, List.of(redis.url()), List.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    protected EphemeralPublisher publisher() {
        return publisher;
    }

    @Override
    protected EventSubscription subscription() {
        return new RedisPubSubSubscription(vertx, SUBSCRIPTION, List.of(redis.url()));
    }
}
