package dev.switchboard.receiver.subscription;

import dev.switchboard.localstack.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The classic pub/sub subscription against one real Redis (the standalone mode): the transport contract. */
class RedisPubSubSubscriptionTest extends EventSubscriptionContract {

    private static Vertx vertx;
    private static EmbeddedRedis redis;
    private static SubscriptionConfig config;

    @BeforeAll
    static void startRedis() {
        vertx = Vertx.vertx();
        redis = EmbeddedRedis.startOnFreePort();
        config = quickChecks(Map.of());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    protected EventSubscription newSubscription() {
        return new RedisPubSubSubscription(vertx, config, List.of(redis.url()));
    }

    @Override
    protected void publish(String channel, String payload) {
        send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload));
    }

    @Override
    protected void dropConnections() {
        send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub"));
    }

    @Override
    protected void stopTransport() {
        redis.stop();
    }

    @Override
    protected void startTransport() {
        redis.start();
    }

    private static void send(Request request) {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            client.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis command failed: " + request, e);
        } finally {
            client.close();
        }
    }
}
