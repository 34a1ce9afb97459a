package dev.switchboard.sender.read;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestDatabase;
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
class ReadStateTest extends AliceAndBobChat {

    @BeforeEach
    void threeMessagesFromAliceToBob() {
        for (int i = 1; i <= 3; i++) {
            Api.send(alice, chatId, "m" + i);
        }
    }

    @Test
    void readingAnswersTheNewMarkAndWhatIsLeftUnread() {
        read(bob, 2)
                .statusCode(200)
                .body("chatId", equalTo(chatId))
                .body("userId", equalTo(bob))
                .body("lastReadSeq", equalTo(2))
                .body("unreadCount", equalTo(1));
        assertEquals(1, Api.unread(bob, chatId));
    }

    @Test
    void aSendWritesTheSendersMemberRowOnlyHoweverManyMembersItCounts() {
        String carol = Api.user("carol");
        Api.as(alice)
                .contentType("application/json")
                .body(Map.of("addMemberIds", List.of(carol)))
                .patch("/api/v1/chats/{c}", chatId)
                .then()
                .statusCode(200);
        String versions = "SELECT string_agg(user_id || ':' || xmin::text, ',' ORDER BY user_id)"
                + " FROM chat_members WHERE chat_id = ? AND user_id <> ?";
        String othersBefore = TestDatabase.queryString(versions, UUID.fromString(chatId), alice);

        Api.send(alice, chatId, "m4");

        assertEquals(
                othersBefore,
                TestDatabase.queryString(versions, UUID.fromString(chatId), alice),
                "bob's and carol's rows are the same row versions");
        assertEquals(4, Api.unread(bob, chatId));
        assertEquals(1, Api.unread(carol, chatId), "carol joined at seq 3");
        assertEquals(0, Api.unread(alice, chatId));
    }

    @Test
    void theMarkNeverMovesBackwards() {
        read(bob, 3).body("lastReadSeq", equalTo(3));

        read(bob, 1).statusCode(200).body("lastReadSeq", equalTo(3)).body("unreadCount", equalTo(0));
    }

    @Test
    void aSeqBeyondTheLastMessageMeansAllRead() {
        read(bob, 1_000_000).statusCode(200).body("lastReadSeq", equalTo(3)).body("unreadCount", equalTo(0));

        Api.send(alice, chatId, "m4");
        assertEquals(1, Api.unread(bob, chatId), "the mark stopped at 3, so message 4 is unread");
    }

    @Test
    void aReadPublishesTheMarkToAllMembersAndTheReadersNewCount() {
        read(bob, 2);

        List<EventEnvelope> published = events.untilFence(chatId, alice);
        EventEnvelope mark = published.stream()
                .filter(event -> event.type() == EventType.MESSAGE_READ_UPDATED)
                .findFirst()
                .orElseThrow();
        EventEnvelope unread = published.get(published.indexOf(mark) + 1);

        assertEquals(EventType.MESSAGE_READ_UPDATED, mark.type());
        assertEquals(
                List.of(alice, bob).stream().sorted().toList(), mark.audience().userIds());
        EventData.ReadMark data = events.data(mark, EventData.ReadMark.class);
        assertEquals(new EventData.ReadMark(UUID.fromString(chatId), bob, 2, mark.occurredAt()), data);
        assertEquals(EventType.UNREAD_COUNT_UPDATED, unread.type());
        assertEquals(List.of(bob), unread.audience().userIds());
        assertEquals(
                Map.of(bob, 1L),
                events.data(unread, EventData.UnreadCounts.class).counts());
    }

    @Test
    void aReadThatMovesNothingIsIdempotentAndPublishesNothing() {
        read(bob, 2);
        read(bob, 2).statusCode(200).body("lastReadSeq", equalTo(2)).body("unreadCount", equalTo(1));
        read(bob, 0).statusCode(200).body("lastReadSeq", equalTo(2));

        assertEquals(
                1,
                events.untilFence(chatId, alice, EventType.MESSAGE_READ_UPDATED).size());
    }

    @Test
    void ownAndDeletedMessagesNeverCountAsUnread() {
        Api.send(bob, chatId, "bob's own");
        String deleted = Api.sendForId(alice, chatId, "deleted");
        Api.as(alice)
                .delete("/api/v1/chats/{c}/messages/{m}", chatId, deleted)
                .then()
                .statusCode(204);

        // Bob's send marked the chat read up to it: nothing of alice's before it is unread any more.
        assertEquals(0, Api.unread(bob, chatId));
        Api.send(alice, chatId, "m6");
        assertEquals(1, Api.unread(bob, chatId));
        read(bob, 4).body("unreadCount", equalTo(1));
    }

    @Test
    void unreadListsOnlyChatsWithUnreadMessagesAndTheirTotal() {
        TestDatabase.awaitClockPastActivityOf(chatId);
        String other = Api.createChat(alice, bob);
        Api.send(alice, other, "x");
        String allRead = Api.createChat(alice, bob);
        Api.send(bob, allRead, "mine");

        Api.as(bob)
                .get("/api/v1/unread")
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("chats.chatId", equalTo(List.of(other, chatId)))
                .body("chats.unreadCount", equalTo(List.of(1, 3)));
        Api.as(Api.user("nobody"))
                .get("/api/v1/unread")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("chats", equalTo(List.of()));
    }

    @Test
    void theUnreadListPagesWhileItsTotalCountsEveryChat() {
        TestDatabase.awaitClockPastActivityOf(chatId);
        String second = Api.createChat(alice, bob);
        Api.send(alice, second, "x");
        TestDatabase.awaitClockPastActivityOf(second);
        String third = Api.createChat(alice, bob);
        Api.send(alice, third, "y");

        String next = Api.as(bob)
                .get("/api/v1/unread?limit=2")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("chats.chatId", equalTo(List.of(third, second)))
                .extract()
                .path("nextCursor");
        Api.as(bob)
                .queryParam("cursor", next)
                .get("/api/v1/unread?limit=2")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("chats.chatId", equalTo(List.of(chatId)))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void badBodiesAreA400NamingUpToSeq() {
        Api.as(bob)
                .body(Map.of())
                .post("/api/v1/chats/{id}/read", chatId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("upToSeq"));
        Api.as(bob)
                .body(Map.of("upToSeq", -1))
                .post("/api/v1/chats/{id}/read", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("upToSeq"));
        Api.as(bob)
                .body("{\"upToSeq\":\"3\"}")
                .post("/api/v1/chats/{id}/read", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("upToSeq"));
        Api.as(bob)
                .body("{\"upToSeq\":2.5}")
                .post("/api/v1/chats/{id}/read", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("upToSeq"));
    }

    @Test
    void aNonMemberAndAnUnknownChatAreBoth404() {
        Api.as(Api.user("mallory"))
                .body(Map.of("upToSeq", 1))
                .post("/api/v1/chats/{id}/read", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(bob)
                .body(Map.of("upToSeq", 1))
                .post("/api/v1/chats/{id}/read", UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    private ValidatableResponse read(String userId, long upToSeq) {
        return Api.as(userId)
                .body(Map.of("upToSeq", upToSeq))
                .post("/api/v1/chats/{id}/read", chatId)
                .then();
    }
}
