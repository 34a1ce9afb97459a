package dev.switchboard.sender.receipt;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class DeliveryReceiptsTest extends AliceAndBobChat {

    @BeforeEach
    void threeMessagesFromAliceToBob() {
        for (int i = 1; i <= 3; i++) {
            Api.send(alice, chatId, "m" + i);
        }
    }

    @Test
    void anAcknowledgementAnswersTheMarksAndNeverMovesBack() {
        delivered(bob, 2)
                .statusCode(200)
                .body("chatId", equalTo(chatId))
                .body("userId", equalTo(bob))
                .body("lastDeliveredSeq", equalTo(2))
                .body("lastReadSeq", equalTo(0));

        delivered(bob, 1).statusCode(200).body("lastDeliveredSeq", equalTo(2));
        delivered(bob, 1_000_000).statusCode(200).body("lastDeliveredSeq", equalTo(3));
    }

    @Test
    void aMovedMarkPublishesTheChatsTicksAndTheMarkToEveryMember() {
        delivered(bob, 3);

        List<EventEnvelope> published = events.untilFence(chatId, alice, EventType.MESSAGE_DELIVERED_UPDATED);
        assertEquals(1, published.size());
        EventEnvelope event = published.getFirst();
        assertEquals(
                List.of(alice, bob).stream().sorted().toList(), event.audience().userIds());
        assertEquals(
                new EventData.Receipts(UUID.fromString(chatId), 3, 0, List.of(new EventData.ReceiptMark(bob, 3, 0)), 0),
                events.data(event, EventData.Receipts.class));
    }

    @Test
    void anAcknowledgementThatMovesNothingPublishesNothing() {
        delivered(bob, 2);
        delivered(bob, 2).statusCode(200);
        delivered(bob, 0).statusCode(200);

        assertEquals(
                1,
                events.untilFence(chatId, alice, EventType.MESSAGE_DELIVERED_UPDATED)
                        .size());
    }

    @Test
    void readImpliesDelivered() {
        Api.read(bob, chatId, 3);

        delivered(bob, 2).statusCode(200).body("lastDeliveredSeq", equalTo(3)).body("lastReadSeq", equalTo(3));
        List<EventEnvelope> published = events.untilFence(chatId, alice, EventType.MESSAGE_DELIVERED_UPDATED);
        assertEquals(1, published.size(), "the read's, none for the acknowledgement below it");
        assertEquals(
                new EventData.Receipts(UUID.fromString(chatId), 3, 3, List.of(new EventData.ReceiptMark(bob, 3, 3)), 0),
                events.data(published.getFirst(), EventData.Receipts.class));
    }

    @Test
    void aReadThatChangesNoTickAndNoDeliveredMarkPublishesNoReceipt() {
        delivered(bob, 3);
        Api.read(bob, chatId, 3); // readByAll moves 0 -> 3: one event
        Api.send(bob, chatId, "reply"); // seq 4, bob reads up to it
        Api.read(alice, chatId, 4); // both ticks move 3 -> 4 with alice's read: an event
        Api.read(alice, chatId, 4); // nothing moves

        List<EventEnvelope> published = events.untilFence(chatId, bob, EventType.MESSAGE_DELIVERED_UPDATED);
        assertEquals(3, published.size());
        EventData.Receipts last = events.data(published.getLast(), EventData.Receipts.class);
        assertEquals(4, last.readByAllSeq());
        assertEquals(4, last.deliveredToAllSeq());
    }

    @Test
    void theReceiptsViewAndTheHistoryPageShowTheTicks() {
        delivered(bob, 3);
        Api.read(bob, chatId, 2);

        Api.as(alice)
                .get("/api/v1/chats/{id}/receipts", chatId)
                .then()
                .statusCode(200)
                .body("chatId", equalTo(chatId))
                .body("lastSeq", equalTo(3))
                .body("deliveredToAllSeq", equalTo(3))
                .body("readByAllSeq", equalTo(2))
                .body("myLastDeliveredSeq", equalTo(3))
                .body("myLastReadSeq", equalTo(3));
        Api.as(alice)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(200)
                .body("receipts.deliveredToAllSeq", equalTo(3))
                .body("receipts.readByAllSeq", equalTo(2));
    }

    @Test
    void badBodiesAreA400NamingUpToSeq() {
        for (String body : List.of("{}", "{\"upToSeq\":-1}", "{\"upToSeq\":\"3\"}", "{\"upToSeq\":2.5}")) {
            Api.as(bob)
                    .body(body)
                    .post("/api/v1/chats/{id}/delivered", chatId)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("upToSeq"));
        }
    }

    @Test
    void aNonMemberAndAnUnknownChatAreBoth404() {
        String mallory = Api.user("mallory");
        Api.as(mallory)
                .body(Map.of("upToSeq", 1))
                .post("/api/v1/chats/{id}/delivered", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(mallory).get("/api/v1/chats/{id}/receipts", chatId).then().statusCode(404);
        Api.as(bob)
                .body(Map.of("upToSeq", 1))
                .post("/api/v1/chats/{id}/delivered", UUID.randomUUID())
                .then()
                .statusCode(404);
        assertTrue(events.untilFence(chatId, alice, EventType.MESSAGE_DELIVERED_UPDATED)
                .isEmpty());
    }

    private ValidatableResponse delivered(String userId, long upToSeq) {
        return Api.as(userId)
                .body(Map.of("upToSeq", upToSeq))
                .post("/api/v1/chats/{id}/delivered", chatId)
                .then();
    }
}
