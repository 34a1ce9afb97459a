package dev.switchboard.sender.ratelimit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.InjectEmbeddedRedis;
import dev.switchboard.sender.testing.Metrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Token buckets per user and per chat: 429 problem+json with Retry-After over them, and Redis down is no outage. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(EmbeddedServersResource.class)
class RateLimitTest {

    /** Limits a test reaches in a handful of calls. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.rate-limit.send-per-minute", "6",
                    "switchboard.rate-limit.send-burst", "3",
                    "switchboard.rate-limit.chat-send-per-minute", "6",
                    "switchboard.rate-limit.chat-send-burst", "5",
                    "switchboard.rate-limit.edit-per-minute", "6",
                    "switchboard.rate-limit.edit-burst", "2",
                    "switchboard.rate-limit.chat-create-per-minute", "6",
                    "switchboard.rate-limit.chat-create-burst", "3");
        }
    }

    @InjectEmbeddedRedis
    EmbeddedRedis redis;

    @AfterEach
    void redisIsBack() {
        redis.start();
    }

    @Test
    void sendsOverTheUsersBurstAre429WithRetryAfterWhileOthersStillSend() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String chatId = Api.createChat(alice, bob);
        double refusedBefore = Metrics.value("switchboard_sender_rate_limited_total", Map.of("operation", "send"));
        for (int i = 0; i < 3; i++) {
            Api.send(alice, chatId, "m" + i);
        }

        Api.as(alice)
                .body(Map.of("content", "one too many"))
                .post("/api/v1/chats/{c}/messages", chatId)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"));
        Api.send(bob, chatId, "bob is not alice");
        assertEquals(
                1, Metrics.value("switchboard_sender_rate_limited_total", Map.of("operation", "send")) - refusedBefore);
    }

    @Test
    void aChatsSendLimitCountsAllItsMembersTogether() {
        String[] users = {Api.user("a"), Api.user("b"), Api.user("c")};
        String chatId = Api.createChat(users[0], users[1], users[2]);
        for (int i = 0; i < 5; i++) {
            Api.send(users[i % 3], chatId, "m" + i);
        }

        Api.as(users[2])
                .body(Map.of("content", "the chat is full"))
                .post("/api/v1/chats/{c}/messages", chatId)
                .then()
                .statusCode(429)
                // The allowance refills while the sends above run: 10 s or a little less, on a slow machine.
                .body("detail", matchesPattern("too many messages into this chat; retry in (10|[1-9]) s"));
    }

    @Test
    void aStrangersRefusedSendsDoNotSpendTheChatsAllowance() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice, Api.user("bob"));
        String mallory = Api.user("mallory");
        for (int i = 0; i < 3; i++) {
            Api.as(mallory)
                    .body(Map.of("content", "let me in"))
                    .post("/api/v1/chats/{c}/messages", chatId)
                    .then()
                    .statusCode(404);
        }

        for (int i = 0; i < 3; i++) {
            Api.send(alice, chatId, "still mine " + i);
        }
    }

    @Test
    void eachOperationHasABucketOfItsOwn() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice, Api.user("bob"));
        String messageId = Api.sendForId(alice, chatId, "v0");
        for (int i = 1; i <= 2; i++) {
            Api.as(alice)
                    .body(Map.of("content", "v" + i))
                    .patch("/api/v1/chats/{c}/messages/{m}", chatId, messageId)
                    .then()
                    .statusCode(200);
        }
        Api.as(alice)
                .body(Map.of("content", "v3"))
                .patch("/api/v1/chats/{c}/messages/{m}", chatId, messageId)
                .then()
                .statusCode(429);

        Api.send(alice, chatId, "sending is another bucket");
        String creator = Api.user("creator");
        for (int i = 0; i < 3; i++) {
            Api.createChat(creator, Api.user("x"));
        }
        Api.as(creator)
                .body(Map.of("name", "one more", "memberIds", java.util.List.of(Api.user("y"))))
                .post("/api/v1/chats")
                .then()
                .statusCode(429);
    }

    @Test
    void withRedisDownEachSenderDecidesAloneAndSendsGoOn() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice, Api.user("bob"));
        double localBefore = Metrics.value("switchboard_sender_rate_limit_local_total", Map.of());
        redis.stop();

        for (int i = 0; i < 3; i++) {
            Api.send(alice, chatId, "redis is down " + i);
        }
        Api.as(alice)
                .body(Map.of("content", "over the local bucket too"))
                .post("/api/v1/chats/{c}/messages", chatId)
                .then()
                .statusCode(429);
        assertTrue(Metrics.value("switchboard_sender_rate_limit_local_total", Map.of()) - localBefore >= 4);
    }
}
