package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.switchboard.sender.testing.TestRedis;
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
    void aSentMessageIsPublishedOnItsPartitionsMessageAddedChannelAsTheContractEnvelope() throws Exception {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String chatId = Api.createChat(alice, bob);
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, EventType.MESSAGE_ADDED)) {
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
                            eventsOf(redis, EventType.MESSAGE_ADDED, chatId).size() == 1);

            String payload = eventsOf(redis, EventType.MESSAGE_ADDED, chatId).getFirst();
            String channel = RedisSubscription.CHANNELS.channel(EventType.MESSAGE_ADDED, UUID.fromString(chatId));
            assertEquals(
                    List.of(payload),
                    redis.on(channel).stream()
                            .map(RedisSubscription.Received::payload)
                            .filter(p -> p.contains(chatId))
                            .toList());
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
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, EventType.CHAT_ADDED)) {
            String body = Api.as(alice)
                    .body(Map.of("name", "Project", "memberIds", List.of(bob)))
                    .post("/api/v1/chats")
                    .then()
                    .statusCode(201)
                    .extract()
                    .asString();
            String chatId = JSON.readTree(body).get("id").asText();

            await().atMost(PROMPTLY)
                    .until(() -> eventsOf(redis, EventType.CHAT_ADDED, chatId).size() == 1);

            EventEnvelope event =
                    codec.decode(eventsOf(redis, EventType.CHAT_ADDED, chatId).getFirst());
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
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, EventType.MESSAGE_ADDED)) {
            for (int i = 1; i <= 3; i++) {
                Api.send(alice, chatId, "m" + i);
                int expected = i;
                await().atMost(PROMPTLY)
                        .until(() ->
                                eventsOf(redis, EventType.MESSAGE_ADDED, chatId).size() == expected);
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
    void readinessSaysThisInstanceRelaysEveryPartition() {
        await().atMost(PROMPTLY)
                .untilAsserted(() -> Management.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'outbox-relay' }.data.partitionsHeld", equalTo(64))
                        .body("checks.find { it.name == 'outbox-relay' }.data.partitionCount", equalTo(64))
                        .body("checks.find { it.name == 'outbox-relay' }.data.instanceId", equalTo("sender-test")));
    }

    @Test
    void anotherSessionCannotTakeAPartitionLockWhileTheRelayHoldsIt() throws Exception {
        await().atMost(PROMPTLY).until(() -> TestDatabase.queryLong(heldLocks()) == 64);
        try (Connection other = TestDatabase.connect();
                PreparedStatement s = other.prepareStatement(
                        "SELECT count(*) FILTER (WHERE pg_try_advisory_lock(?, p)) FROM generate_series(0, 63) AS p")) {
            s.setInt(1, config.lockSpace());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
        }
    }

    @Test
    void whenTheRelaySessionDiesThePartitionsAreTakenAgainUnderNewEpochsAndDeliveryGoesOn() {
        await().atMost(PROMPTLY).until(() -> TestDatabase.queryLong(heldLocks()) == 64);
        String lockHolder = "SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted";
        long before = TestDatabase.queryLong(lockHolder);
        long epochBefore = TestDatabase.queryLong("SELECT min(epoch) FROM outbox_partition");

        assertTrue(TestDatabase.queryBoolean("SELECT pg_terminate_backend(?)", (int) before));

        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> TestDatabase.queryLong(lockHolder) != before && TestDatabase.queryLong(heldLocks()) == 64);
        assertTrue(TestDatabase.queryLong("SELECT min(epoch) FROM outbox_partition") > epochBefore);
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, EventType.MESSAGE_ADDED)) {
            Api.send(alice, chatId, "still delivered");
            await().atMost(PROMPTLY)
                    .until(() ->
                            eventsOf(redis, EventType.MESSAGE_ADDED, chatId).size() == 1);
        }
    }

    @Test
    void aFenceAheadOfTheDatabaseIsSteppedPastAndDeliveryGoesOn() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        int partition = RedisSubscription.CHANNELS.partitions().of(UUID.fromString(chatId));
        // As after restoring the database from a backup: Redis remembers a newer epoch than PostgreSQL hands out.
        TestRedis.command(
                vertx,
                "SET",
                "switchboard:relay-epoch:{"
                        + RedisSubscription.CHANNELS.partitions().tag(partition) + "}",
                "1000000");
        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, EventType.MESSAGE_ADDED)) {
            Api.send(alice, chatId, "after the restore");
            await().atMost(PROMPTLY)
                    .until(() ->
                            eventsOf(redis, EventType.MESSAGE_ADDED, chatId).size() == 1);
        }
        assertTrue(TestDatabase.queryLong("SELECT epoch FROM outbox_partition WHERE partition = ?", partition)
                > 1_000_000);
    }

    /** Partition locks granted (the relay's membership lock is in the next lock space). */
    private String heldLocks() {
        return "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = "
                + config.lockSpace();
    }

    static List<String> eventsOf(RedisSubscription redis, EventType type, String chatId) {
        return redis.on(type).stream()
                .map(RedisSubscription.Received::payload)
                .filter(payload -> payload.contains("\"chatId\":\"" + chatId + "\""))
                .toList();
    }
}
