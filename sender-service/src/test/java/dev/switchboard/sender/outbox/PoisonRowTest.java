package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Metrics;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A row Redis refuses (here: its channel is not allowed by the Redis ACL) does not hold up the rest, and after
 * switchboard.outbox.max-attempts (3 in tests) refusals it is dead-lettered, logged by ids and counted; an operator
 * can put it back.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class PoisonRowTest extends AliceAndBobChat {

    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final String POISON_TYPE = "notAContractEvent";
    private static final String SECRET = "SECRET-CONTENT-never-logged";

    @Inject
    Vertx vertx;

    @Inject
    OutboxConfig config;

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                logLines.add(ext.getFormattedMessage() + " mdc=" + ext.getMdcCopy());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void onlyTheContractChannelsMayBePublished() {
        List<String> acl = new ArrayList<>(List.of("default", "resetchannels"));
        RedisSubscription.CHANNELS.all().forEach(channel -> acl.add("&" + channel));
        TestRedis.command(
                vertx, "ACL", Stream.concat(Stream.of("SETUSER"), acl.stream()).toArray(String[]::new));
        java.util.logging.Logger.getLogger(OutboxRelay.class.getName()).addHandler(capture);
    }

    @AfterEach
    void everyChannelAgain() {
        java.util.logging.Logger.getLogger(OutboxRelay.class.getName()).removeHandler(capture);
        TestRedis.command(vertx, "ACL", "SETUSER", "default", "allchannels");
    }

    @Test
    void aRefusedRowIsDeadLetteredWhileEverythingElseFlowsOn() {
        double deadBefore = Metrics.value("switchboard_outbox_dead_lettered_total", Map.of());
        String otherChat = Api.createChat(alice);
        long poisonId = insertPoison(chatId);

        // Both chats go on at once: the row of this chat that follows the poison one too.
        Api.send(alice, chatId, "after the poison");
        Api.send(alice, otherChat, "elsewhere");
        events.await(chatId, EventType.MESSAGE_ADDED, 1);
        events.await(otherChat, EventType.MESSAGE_ADDED, 1);

        await().atMost(PROMPTLY).until(() -> deadLetterAttempts(poisonId) > 0);
        assertEquals(config.maxAttempts(), deadLetterAttempts(poisonId));
        assertTrue(TestDatabase.outbox(chatId).isEmpty(), "nothing of the chat is left behind");
        assertEquals(deadBefore + 1, Metrics.value("switchboard_outbox_dead_lettered_total", Map.of()));
        String line = logLines.stream()
                .filter(l -> l.contains("dead-lettered"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                line.contains(Long.toString(poisonId))
                        && line.contains(chatId)
                        && line.contains("poison-event")
                        && line.contains(POISON_TYPE)
                        && line.contains("can't publish to the channel"),
                line);
        assertTrue(line.contains("outboxId=" + poisonId) && line.contains("eventId=poison-event"), "MDC: " + line);
        assertFalse(logLines.stream().anyMatch(l -> l.contains(SECRET)), "payload content is never logged");

        Api.asAdmin()
                .get("/api/v1/admin/outbox/dead-letters?limit=200")
                .then()
                .statusCode(200)
                .body("deadLetters.find { it.id == " + poisonId + " }.eventId", equalTo("poison-event"))
                .body("deadLetters.find { it.id == " + poisonId + " }.eventType", equalTo(POISON_TYPE))
                .body("deadLetters.find { it.id == " + poisonId + " }.chatId", equalTo(chatId))
                .body("deadLetters.find { it.id == " + poisonId + " }.attempts", equalTo(config.maxAttempts()))
                .body("deadLetters.find { it.id == " + poisonId + " }.payload", equalTo(null));
    }

    @Test
    void aRetriedDeadLetterIsPublishedOnceRedisTakesIt() {
        long poisonId = insertPoison(chatId);
        Api.send(alice, chatId, "wake the relay");
        await().atMost(PROMPTLY).until(() -> deadLetterAttempts(poisonId) > 0);
        TestRedis.command(vertx, "ACL", "SETUSER", "default", "allchannels");

        try (RedisSubscription redis = RedisSubscription.subscribe(
                vertx, RedisSubscription.CHANNELS.channel(POISON_TYPE, partitionOf(chatId)))) {
            long outboxId = ((Number) Api.asAdmin()
                            .post("/api/v1/admin/outbox/dead-letters/{id}/retry", poisonId)
                            .then()
                            .statusCode(202)
                            .body("id", equalTo((int) poisonId))
                            .extract()
                            .path("outboxId"))
                    .longValue();

            await().atMost(PROMPTLY).until(() -> redis.received().size() == 1);
            assertTrue(redis.received().getFirst().payload().contains(SECRET), "the original payload, untouched");
            assertTrue(outboxId > poisonId, "back at the end of the queue");
            assertEquals(0, deadLetterAttempts(poisonId), "no longer a dead letter");
        }
    }

    @Test
    void redisRefusingEverythingGivesUpAtMostTheOldestRowPerRound() {
        TestRedis.command(vertx, "ACL", "SETUSER", "default", "resetchannels");
        for (int i = 1; i <= 3; i++) {
            Api.send(alice, chatId, "m" + i);
        }

        // chatAdded went out before; each send's four events now wait. The oldest is given up after three rounds,
        // the others keep their place: nothing else can have been blamed for Redis refusing everything.
        await().atMost(PROMPTLY).until(() -> TestDatabase.outbox(chatId).size() <= 3 * 4 - 1);
        List<TestDatabase.OutboxRecord> waiting = TestDatabase.outbox(chatId);
        assertTrue(waiting.size() >= 3 * 4 - 2, "rows dead-lettered: " + (12 - waiting.size()));
        assertTrue(waiting.stream()
                .allMatch(r -> r.lastError() != null && r.lastError().contains("can't publish to the channel")));

        TestRedis.command(vertx, "ACL", "SETUSER", "default", "allchannels");
        await().atMost(PROMPTLY).until(() -> TestDatabase.outbox(chatId).isEmpty());
    }

    private static long insertPoison(String chatId) {
        String payload = "{\"v\":1,\"id\":\"poison-event\",\"type\":\"" + POISON_TYPE + "\",\"chatId\":\"" + chatId
                + "\",\"data\":{\"content\":\"" + SECRET + "\"}}";
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO outbox (chat_id, partition, event_type, payload) VALUES (?, ?, ?, ?) RETURNING id")) {
            s.setObject(1, UUID.fromString(chatId));
            s.setInt(2, partitionOf(chatId));
            s.setString(3, POISON_TYPE);
            s.setString(4, payload);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int partitionOf(String chatId) {
        return RedisSubscription.CHANNELS.partitions().of(UUID.fromString(chatId));
    }

    private static long deadLetterAttempts(long id) {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT attempts FROM outbox_dead_letter WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
