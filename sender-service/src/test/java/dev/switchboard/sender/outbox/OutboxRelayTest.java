package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Management;
import dev.switchboard.sender.testing.RedisSubscription;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far below the test profile's 30 s poll interval: only the NOTIFY wake-up can deliver this fast. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @Inject
    Vertx vertx;

    @Inject
    EventCodec codec;

    @Inject
    OutboxConfig config;

    @Test
    void aSentMessageIsPublishedOnTheMessageAddedChannelAsTheContractEnvelope() throws Exception {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String chatId = Api.createChat(alice, bob);
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, "switchboard:messageAdded")) {
            String body = Api.as(alice)
                    .header("Switchboard-Origin-Connection", "conn-1")
                    .body(Map.of("content", "hi bob", "clientMessageId", "c-1"))
                    .post("/api/v1/chats/{id}/messages", chatId)
                    .then()
                    .statusCode(201)
                    .extract()
                    .asString();

            await().atMost(PROMPTLY)
                    .until(() ->
                            eventsOf(redis, "switchboard:messageAdded", chatId).size() == 1);

            String payload = eventsOf(redis, "switchboard:messageAdded", chatId).getFirst();
            EventEnvelope event = codec.decode(payload);
            JsonNode message = JSON.readTree(body);
            assertEquals(1, event.v());
            assertEquals(EventType.MESSAGE_ADDED, event.type());
            assertEquals(UUID.fromString(chatId), event.chatId());
            assertEquals(List.of(alice, bob), event.audience().userIds());
            assertEquals(List.of("conn-1"), event.audience().excludeConnectionIds());
            assertEquals(message, event.data());
            assertEquals(
                    message.get("createdAt").asText(),
                    JSON.readTree(payload).get("occurredAt").asText());
        }
    }

    @Test
    void aCreatedChatIsPublishedOnTheChatAddedChannelToAllMembers() throws Exception {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, "switchboard:chatAdded")) {
            String body = Api.as(alice)
                    .body(Map.of("name", "Project", "memberIds", List.of(bob)))
                    .post("/api/v1/chats")
                    .then()
                    .statusCode(201)
                    .extract()
                    .asString();
            String chatId = JSON.readTree(body).get("id").asText();

            await().atMost(PROMPTLY)
                    .until(() ->
                            eventsOf(redis, "switchboard:chatAdded", chatId).size() == 1);

            EventEnvelope event = codec.decode(
                    eventsOf(redis, "switchboard:chatAdded", chatId).getFirst());
            assertEquals(EventType.CHAT_ADDED, event.type());
            assertEquals(List.of(alice, bob), event.audience().userIds());
            assertEquals(List.of(), event.audience().excludeConnectionIds());
            assertEquals(JSON.readTree(body), event.data());
        }
    }

    @Test
    void eachCommitWakesTheRelayWithoutWaitingForThePoll() {
        assertTrue(
                config.pollInterval().compareTo(PROMPTLY.multipliedBy(10)) >= 0,
                "poll must be much slower than the wake-up");
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, "switchboard:messageAdded")) {
            for (int i = 1; i <= 3; i++) {
                Api.send(alice, chatId, "m" + i);
                int expected = i;
                await().atMost(PROMPTLY)
                        .until(() -> eventsOf(redis, "switchboard:messageAdded", chatId)
                                        .size()
                                == expected);
            }
        }
    }

    @Test
    void publishedRowsAreDeletedFromTheOutbox() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        Api.send(alice, chatId, "hi");

        await().atMost(PROMPTLY).until(() -> TestDatabase.outbox(chatId).isEmpty());
    }

    @Test
    void readinessSaysThisInstanceIsTheActiveRelay() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox-relay' }.data.leader", equalTo(true))
                .body("checks.find { it.name == 'outbox-relay' }.data.instanceId", equalTo("sender-test"));
    }

    @Test
    void anotherSessionCannotTakeTheRelayLockWhileTheLeaderHoldsIt() throws Exception {
        try (Connection standby = TestDatabase.connect();
                PreparedStatement s = standby.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, config.lockKey());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertFalse(r.getBoolean(1));
            }
        }
    }

    @Test
    void whenTheRelaySessionDiesLeadershipIsTakenAgainAndDeliveryGoesOn() {
        String lockHolder = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted";
        long before = TestDatabase.queryLong(lockHolder);

        assertTrue(TestDatabase.queryBoolean("SELECT pg_terminate_backend(?)", (int) before));

        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> TestDatabase.queryLong(lockHolder) != before);
        Management.given()
                .get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'outbox-relay' }.data.leader", equalTo(true));
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, "switchboard:messageAdded")) {
            Api.send(alice, chatId, "still delivered");
            await().atMost(PROMPTLY)
                    .until(() ->
                            eventsOf(redis, "switchboard:messageAdded", chatId).size() == 1);
        }
    }

    static List<String> eventsOf(RedisSubscription redis, String channel, String chatId) {
        return redis.on(channel).stream()
                .map(RedisSubscription.Received::payload)
                .filter(payload -> payload.contains("\"chatId\":\"" + chatId + "\""))
                .toList();
    }
}
