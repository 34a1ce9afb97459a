package dev.switchboard.sender.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.HashSlots;
import io.vertx.mutiny.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared buckets against a real Redis of each kind, as two senders see them: one allowance for both. Every
 * topology the rate limits run on passes this suite.
 */
abstract class RedisTokenBucketsContract {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Redis> clients = new ArrayList<>();

    /** The client is closed after the test. */
    protected final Redis closedAfterTest(Redis client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(Redis::close);
        clients.clear();
    }

    /** Buckets as one sender's client sees them; two calls give two senders. */
    protected abstract RedisTokenBuckets sender();

    /** What a Redis restart does to loaded scripts, on every node. */
    protected abstract void flushScripts();

    @Test
    void twoSendersShareOneBucket() {
        RedisTokenBuckets a = sender();
        RedisTokenBuckets b = sender();
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
    void aUsersAndAChatsBucketsInDifferentSlotsAreCheckedInOneCall() {
        RedisTokenBuckets a = sender();
        RedisTokenBuckets b = sender();
        String user = "bob-" + UUID.randomUUID();
        String chat = UUID.randomUUID().toString();
        Check userTake = new Check(Action.SEND, user, new Limit(60, 10), true);
        Check chatTake = new Check(Action.CHAT_SEND, chat, new Limit(60, 3), true);
        while (HashSlots.slot(userTake.key(RedisTokenBuckets.KEY_PREFIX))
                == HashSlots.slot(chatTake.key(RedisTokenBuckets.KEY_PREFIX))) {
            chatTake = new Check(Action.CHAT_SEND, UUID.randomUUID().toString(), new Limit(60, 3), true);
        }

        for (int i = 0; i < 3; i++) {
            assertEquals(
                    List.of(0L, 0L),
                    (i % 2 == 0 ? a : b)
                            .check(List.of(userTake, chatTake))
                            .await()
                            .atMost(WAIT),
                    "send " + i);
        }
        List<Long> fourth = b.check(List.of(userTake, chatTake)).await().atMost(WAIT);

        assertEquals(0L, fourth.get(0), "the user still has tokens");
        assertTrue(fourth.get(1) > 0, "the chat's three are gone, taken through both senders: " + fourth);
    }

    @Test
    void lookingDoesNotTakeAndTheScriptIsReloadedAfterARedisFlush() {
        RedisTokenBuckets buckets = sender();
        String chat = UUID.randomUUID().toString();
        Check look = new Check(Action.CHAT_SEND, chat, new Limit(60, 1), false);
        Check take = new Check(Action.CHAT_SEND, chat, new Limit(60, 1), true);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(0L), buckets.check(List.of(look)).await().atMost(WAIT));
        }
        flushScripts();

        assertEquals(List.of(0L), buckets.check(List.of(take)).await().atMost(WAIT));
        assertTrue(buckets.check(List.of(look)).await().atMost(WAIT).getFirst() > 0);
    }
}
