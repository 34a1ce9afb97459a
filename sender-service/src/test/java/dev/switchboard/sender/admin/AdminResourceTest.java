package dev.switchboard.sender.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator API, switched on as in the local stack (test profile), with re-publish capped at 5 messages. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class AdminResourceTest extends AliceAndBobChat {

    @Test
    void republishQueuesMessageAddedFromTheSeqOnAndMessageDeletedForTombstonesInSeqOrder() {
        for (int i = 1; i <= 4; i++) {
            Api.send(alice, chatId, "m" + i);
        }
        String third = Api.as(alice)
                .get("/api/v1/chats/{id}/messages?afterSeq=2&limit=1", chatId)
                .then()
                .extract()
                .path("messages[0].id");
        Api.as(alice)
                .delete("/api/v1/chats/{id}/messages/{m}", chatId, third)
                .then()
                .statusCode(204);
        events.untilFence(chatId, alice);

        republish(chatId, 2)
                .then()
                .statusCode(202)
                .body("chatId", equalTo(chatId))
                .body("fromSeq", equalTo(2))
                .body("events", equalTo(4))
                .body("nextFromSeq", nullValue());

        // Seqs 2, 3 (a tombstone), 4 and the first fence (5) again, in that order, after everything before.
        List<EventEnvelope> all = events.untilFence(chatId, alice);
        List<EventEnvelope> republished = all.subList(all.size() - 4, all.size());
        assertEquals(
                List.of(
                        EventType.MESSAGE_ADDED,
                        EventType.MESSAGE_DELETED,
                        EventType.MESSAGE_ADDED,
                        EventType.MESSAGE_ADDED),
                republished.stream().map(EventEnvelope::type).toList());
        assertEquals(
                List.of(2L, 3L, 4L, 5L),
                republished.stream().map(e -> e.data().get("seq").asLong()).toList());
        assertEquals(
                List.of(alice, scene.user("bob")).stream().sorted().toList(),
                republished.getFirst().audience().userIds());
        EventEnvelope originalSecond =
                events.of(chatId, EventType.MESSAGE_ADDED).get(1);
        assertNotEquals(originalSecond.id(), republished.getFirst().id(), "a re-published event is a new event");
        assertEquals(originalSecond.data(), republished.getFirst().data());
    }

    @Test
    void aLongHistoryGoesInSeveralCallsThatSayWhereToGoOn() {
        for (int i = 1; i <= 7; i++) {
            Api.send(alice, chatId, "m" + i);
        }

        republish(chatId, 1).then().statusCode(202).body("events", equalTo(5)).body("nextFromSeq", equalTo(6));
        republish(chatId, 6).then().statusCode(202).body("events", equalTo(2)).body("nextFromSeq", nullValue());
        republish(chatId, 100).then().statusCode(202).body("events", equalTo(0));
    }

    @Test
    void badRequestsAndUnknownChatsAreProblems() {
        Api.asAdmin().body(Map.of()).post(path(chatId)).then().statusCode(400).body("field", equalTo("fromSeq"));
        republish(chatId, -1).then().statusCode(400).body("field", equalTo("fromSeq"));
        republish(UUID.randomUUID().toString(), 1).then().statusCode(404);
        republish("not-a-uuid", 1).then().statusCode(404);
    }

    @Test
    void onlyTheAdminGroupMayCallIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("fromSeq", 1))
                .post(path(chatId))
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.as(alice)
                .body(Map.of("fromSeq", 1))
                .post(path(chatId))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.as(alice).get("/api/v1/admin/outbox/dead-letters").then().statusCode(403);
        given().header("Authorization", "Bearer " + TestTokens.expired("ops"))
                .get("/api/v1/admin/outbox/dead-letters")
                .then()
                .statusCode(401);
    }

    @Test
    void aDevTokenWithTheAdminGroupIsAnAdmin() {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("userId", "ops", "ttlSeconds", 60, "groups", List.of("switchboard-admin")))
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("token");

        given().header("Authorization", "Bearer " + token)
                .get("/api/v1/admin/outbox/dead-letters")
                .then()
                .statusCode(200);
    }

    @Test
    void deadLettersListAndRetryValidateTheirInput() {
        Api.asAdmin()
                .get("/api/v1/admin/outbox/dead-letters?limit=0")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
        Api.asAdmin().get("/api/v1/admin/outbox/dead-letters?limit=x").then().statusCode(400);
        Api.asAdmin()
                .post("/api/v1/admin/outbox/dead-letters/999999999/retry")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.asAdmin().post("/api/v1/admin/outbox/dead-letters/abc/retry").then().statusCode(404);
    }

    private static io.restassured.response.Response republish(String chatId, long fromSeq) {
        return Api.asAdmin().body(Map.of("fromSeq", fromSeq)).post(path(chatId));
    }

    private static String path(String chatId) {
        return "/api/v1/admin/chats/" + chatId + "/republish";
    }
}
