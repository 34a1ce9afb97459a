package dev.switchboard.sender.ratelimit;

import dev.switchboard.localstack.EmbeddedRedis;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The buckets on one Redis server (standalone and sharded modes keep them on the configured node). */
class StandaloneRedisTokenBucketsTest extends RedisTokenBucketsContract {

    private static Vertx vertx;
    private static EmbeddedRedis redis;

    @BeforeAll
    static void startRedis() {
        vertx = Vertx.vertx();
        redis = EmbeddedRedis.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Override
    protected RedisTokenBuckets sender() {
        return new RedisTokenBuckets(closedAfterTest(Redis.createClient(vertx, redis.url())));
    }

    @Override
    protected void flushScripts() {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            client.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await().atMost(WAIT);
        } finally {
            client.close();
        }
    }
}
