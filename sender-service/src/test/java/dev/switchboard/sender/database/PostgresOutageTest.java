package dev.switchboard.sender.database;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventType;
import dev.switchboard.localstack.EmbeddedDatabase;
import dev.switchboard.sender.outbox.OutboxRelay;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.InjectEmbeddedDatabase;
import dev.switchboard.sender.testing.Management;
import dev.switchboard.sender.testing.RedisSubscription;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a running sender: every call answers 503 problem+json within seconds (never hangs),
 * and once PostgreSQL is back everything works again without a restart: the pool reconnects, the relay takes its
 * lock again and delivers. A profile of its own, so these stops happen on a database no other test uses.
 */
@QuarkusTest
@TestProfile(PostgresOutageTest.OwnDatabase.class)
@WithTestResource(EmbeddedServersResource.class)
class PostgresOutageTest {

    /** The same settings as the other tests; being another profile gives it its own servers. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.instance-id", "sender-outage-test");
        }
    }

    private static final Duration FAST = Duration.ofSeconds(5);

    @InjectEmbeddedDatabase
    EmbeddedDatabase database;

    @Inject
    OutboxRelay relay;

    @Inject
    Vertx vertx;

    @AfterEach
    void databaseIsBack() {
        database.start();
    }

    @Test
    void whilePostgresIsDownCallsAnswer503FastAndAfterItIsBackEverythingWorks() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        Api.send(alice, chatId, "before");

        database.stop();

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Response send =
                    Api.as(alice).body(Map.of("content", "during " + i)).post("/api/v1/chats/{id}/messages", chatId);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, send.statusCode(), send.asString());
            assertTrue(millis < FAST.toMillis(), "a send took " + millis + " ms");
            send.then()
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"));
        }
        Api.as(alice).get("/api/v1/chats/{id}/messages", chatId).then().statusCode(503);
        Api.as(alice).get("/api/v1/chats").then().statusCode(503);
        Management.given().get("/q/health/ready").then().statusCode(503);

        database.start();

        try (RedisSubscription redis = RedisSubscription.subscribe(vertx, EventType.MESSAGE_ADDED)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Api.as(alice)
                                    .body(Map.of("content", "after"))
                                    .post("/api/v1/chats/{id}/messages", chatId)
                                    .statusCode()
                            == 201);
            await().atMost(Duration.ofSeconds(20)).until(relay::isRelaying);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.on(EventType.MESSAGE_ADDED).stream()
                            .anyMatch(r -> r.payload().contains("\"content\":\"after\"")));
        }
        Api.as(alice)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(200)
                .body("messages.content", equalTo(java.util.List.of("before", "after")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> Management.given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aSendStuckBehindALockAnswers503InBoundedTimeAndCommitsNothing() {
        // The chat row locked by someone who does not let go in time: statement_timeout ends the wait, the
        // transaction rolls back, the request answers 503.
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        try (var connection = dev.switchboard.sender.testing.TestDatabase.connect();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT 1 FROM chats WHERE id = '" + chatId + "' FOR UPDATE");
            long started = System.nanoTime();
            Api.as(alice)
                    .body(Map.of("content", "blocked"))
                    .post("/api/v1/chats/{id}/messages", chatId)
                    .then()
                    .statusCode(503)
                    .body("detail", equalTo("the database is unavailable; retry in a moment"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 8_000, "took " + millis + " ms");
            connection.rollback();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Api.as(alice).get("/api/v1/chats/{id}", chatId).then().statusCode(200).body("lastSeq", equalTo(0));
    }
}
