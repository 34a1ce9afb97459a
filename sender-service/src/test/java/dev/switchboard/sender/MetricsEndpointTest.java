package dev.switchboard.sender;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Management;
import dev.switchboard.sender.testing.Metrics;
import dev.switchboard.sender.testing.RedisSubscription;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /q/metrics carries every name of sender-service/METRICS.md, and the counters move with traffic. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class MetricsEndpointTest {

    private static final List<String> NAMES = List.of(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum",
            "switchboard_outbox_pending_rows",
            "switchboard_outbox_oldest_pending_age_seconds",
            "switchboard_events_published_total",
            "switchboard_relay_partitions_held",
            "switchboard_relay_partition_held",
            "switchboard_outbox_partition_pending_rows",
            "switchboard_outbox_partition_oldest_pending_age_seconds",
            "switchboard_outbox_dead_lettered_total",
            "switchboard_relay_publish_batch_size_count",
            "switchboard_relay_publish_batch_size_sum",
            "switchboard_auth_token_cache_requests_total",
            "switchboard_auth_token_cache_size");

    private static final Map<String, String> MESSAGE_ADDED_OK =
            Map.of("channel", "switchboard:messageAdded", "result", "ok");

    @Test
    void everyDocumentedNameIsThereAfterTraffic() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        Api.send(alice, chatId, "hi");

        String text = Metrics.scrape();

        for (String name : NAMES) {
            assertTrue(text.contains("\n" + name + "{") || text.contains("\n" + name + " "), name + " missing");
        }
        assertEquals(64.0, Metrics.value(text, "switchboard_relay_partitions_held", Map.of()));
        assertEquals(1.0, Metrics.value(text, "switchboard_relay_partition_held", Map.of("partition", "63")));
    }

    @Test
    void publishedEventsAndBatchesAreCounted() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        double before = Metrics.value("switchboard_events_published_total", MESSAGE_ADDED_OK);
        double batchesBefore = Metrics.value("switchboard_relay_publish_batch_size_count", Map.of());

        Api.send(alice, chatId, "one");
        Api.send(alice, chatId, "two");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Metrics.value("switchboard_events_published_total", MESSAGE_ADDED_OK) >= before + 2);
        assertTrue(Metrics.value("switchboard_relay_publish_batch_size_count", Map.of()) > batchesBefore);
    }

    @Test
    void httpMetricsUseTheRouteTemplateNotTheChatId() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        Api.send(alice, chatId, "hi");

        String text = Metrics.scrape();

        assertTrue(
                Metrics.value(
                                text,
                                "http_server_requests_seconds_count",
                                Map.of("uri", "/api/v1/chats/{chatId}/messages", "method", "POST", "status", "201"))
                        >= 1,
                text);
        assertFalse(text.contains(chatId), "a chat id in a label");
    }

    @Test
    void managementEndpointsAreOnTheManagementPortOnly() {
        // Finding 8 of the hostile-load issue: metrics, health and OpenAPI were on the public API port.
        for (String path : new String[] {"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/"}) {
            io.restassured.RestAssured.get(path).then().statusCode(404);
            Management.given().get(path).then().statusCode(200);
        }
    }

    @Test
    void requestsAnsweredBeforeRoutingGetOneFixedUriTag() {
        // Finding 8: before, each such request put its raw path (a real chat id) into the uri label.
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        Api.as(alice)
                .body("{\"content\":\"" + "x".repeat(1_100_000) + "\"}")
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(413);

        String text = Metrics.scrape();

        assertTrue(
                Metrics.value(
                                text,
                                "http_server_requests_seconds_count",
                                Map.of("uri", "/api/UNROUTED", "method", "POST", "status", "413"))
                        >= 1,
                text);
        assertFalse(text.contains(chatId), "a chat id in a label");
    }

    @Test
    void theBacklogGaugesFollowTheOutbox() throws Exception {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        int partition = RedisSubscription.CHANNELS.partitions().of(java.util.UUID.fromString(chatId));
        // Three rows written 30 s ago, committed without a NOTIFY: the relay (polling every 30 s in tests) leaves
        // them until the next commit wakes it, and meanwhile the gauges' refresh sees them.
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.execute("INSERT INTO outbox (chat_id, partition, event_type, payload, created_at) VALUES ('" + chatId
                        + "', " + partition + ", 'messageAdded', '{}', now() - interval '30 seconds')");
            }
        }
        String tag = Integer.toString(partition);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Metrics.value("switchboard_outbox_oldest_pending_age_seconds", Map.of()) >= 29
                        && Metrics.value("switchboard_outbox_pending_rows", Map.of()) >= 3
                        && Metrics.value("switchboard_outbox_partition_pending_rows", Map.of("partition", tag)) >= 3
                        && Metrics.value(
                                        "switchboard_outbox_partition_oldest_pending_age_seconds",
                                        Map.of("partition", tag))
                                >= 29);
        Api.send(alice, chatId, "wake the relay");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Metrics.value("switchboard_outbox_pending_rows", Map.of()) == 0
                        && Metrics.value("switchboard_outbox_oldest_pending_age_seconds", Map.of()) == 0);
    }
}
