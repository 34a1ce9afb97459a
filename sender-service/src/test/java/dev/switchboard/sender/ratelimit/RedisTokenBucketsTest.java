package dev.switchboard.sender.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.EmbeddedRedis;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared buckets against a real Redis, as two senders see them: one allowance for both. */
class RedisTokenBucketsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static Vertx vertx;
    private static EmbeddedRedis redis;
    private static Redis first;
    private static Redis second;

    @BeforeAll
    static void twoSendersOnOneRedis() {
        vertx = Vertx.vertx();
        redis = EmbeddedRedis.startOnFreePort();
        first = Redis.createClient(vertx, redis.url());
        second = Redis.createClient(vertx, redis.url());
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void twoSendersShareOneBucket() {
        RedisTokenBuckets a = new RedisTokenBuckets(first);
        RedisTokenBuckets b = new RedisTokenBuckets(second);
        Check take = new Check(Action.SEND, "alice-" + UUID.randomUUID(), new Limit(60, 5), true);
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    List.of(0L),
                    (i % 2 == 0 ? a : b).check(List.of(take)).await().atMost(WAIT),
                    "token " + i);
        }

        long waitA = a.check(List.of(take)).await().atMost(WAIT).getFirst();
        long waitB = b.check(List.of(take)).await().atMost(WAIT).getFirst();

        assertTrue(waitA > 0 && waitA <= 1000, "one token a second: " + waitA);
        assertTrue(waitB > 0 && waitB <= 1000, "the other sender sees the same empty bucket: " + waitB);
    }

    @Test
    void lookingDoesNotTakeAndTheScriptIsReloadedAfterARedisFlush() {
        RedisTokenBuckets buckets = new RedisTokenBuckets(first);
        String chat = UUID.randomUUID().toString();
        Check look = new Check(Action.CHAT_SEND, chat, new Limit(60, 1), false);
        Check take = new Check(Action.CHAT_SEND, chat, new Limit(60, 1), true);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(0L), buckets.check(List.of(look)).await().atMost(WAIT));
        }
        first.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await().atMost(WAIT);

        assertEquals(List.of(0L), buckets.check(List.of(take)).await().atMost(WAIT));
        assertTrue(buckets.check(List.of(look)).await().atMost(WAIT).getFirst() > 0);
    }
}
