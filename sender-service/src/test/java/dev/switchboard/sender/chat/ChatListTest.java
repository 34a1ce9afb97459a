package dev.switchboard.sender.chat;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatListTest {

    @Test
    void chatsComeLatestActivityFirstWithTheirLastMessageAndTheCallersUnreadCount() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String older = Api.createChat(alice, bob);
        TestDatabase.awaitClockPastActivityOf(older);
        String newer = Api.createChat(alice, bob);
        TestDatabase.awaitClockPastActivityOf(newer);
        String quiet = Api.createChat(alice);
        TestDatabase.awaitClockPastActivityOf(quiet);
        Api.send(alice, newer, "in newer");
        TestDatabase.awaitClockPastActivityOf(newer);
        Api.send(bob, older, "one");
        Api.send(bob, older, "two");

        JsonPath list = Api.as(alice)
                .get("/api/v1/chats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertEquals(List.of(older, newer, quiet), list.getList("chats.id"));
        assertEquals("two", list.getString("chats[0].lastMessage.preview"));
        assertEquals(2, list.getInt("chats[0].lastMessage.seq"));
        assertEquals(bob, list.getString("chats[0].lastMessage.senderId"));
        assertEquals(2, list.getInt("chats[0].unreadCount"));
        assertEquals(2, list.getInt("chats[0].lastSeq"));
        assertEquals(2, list.getInt("chats[0].memberCount"));
        assertEquals(List.of(bob), list.getList("chats[0].memberPreview"), "the others, not the caller");
        assertEquals("Test chat", list.getString("chats[0].name"));
        assertEquals(alice, list.getString("chats[0].createdBy"));
        assertNotNull(list.getString("chats[0].createdAt"));
        assertEquals(0, list.getInt("chats[1].unreadCount"), "alice sent the only message of this one");
        assertNull(list.get("chats[2].lastMessage"));
        assertNull(list.get("nextCursor"));
    }

    @Test
    void aNewMessageMovesItsChatToTheFront() {
        String alice = Api.user("alice");
        String first = Api.createChat(alice);
        TestDatabase.awaitClockPastActivityOf(first);
        String second = Api.createChat(alice);
        assertEquals(List.of(second, first), chatIds(alice, ""));
        TestDatabase.awaitClockPastActivityOf(second);

        Api.send(alice, first, "bump");

        assertEquals(List.of(first, second), chatIds(alice, ""));
    }

    @Test
    void theCursorPagesThroughEveryChatOnceAndTheLastPageHasNoCursor() {
        String alice = Api.user("alice");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, Api.createChat(alice));
            TestDatabase.awaitClockPastActivityOf(created.getFirst());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = Api.as(alice)
                    .queryParam("limit", 2)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/chats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("chats.id"));
            pageSizes.add(page.getList("chats").size());
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertEquals(created, seen);
        assertEquals(List.of(2, 2, 1), pageSizes);
    }

    @Test
    void aUserWithoutChatsGetsAnEmptyList() {
        Api.as(Api.user("loner"))
                .get("/api/v1/chats")
                .then()
                .statusCode(200)
                .body("chats", equalTo(List.of()))
                .body("nextCursor", nullValue());
    }

    @Test
    void aDeletedLastMessageShowsAsATombstone() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        String messageId = Api.sendForId(alice, chatId, "oops");
        Api.as(alice)
                .delete("/api/v1/chats/{c}/messages/{m}", chatId, messageId)
                .then()
                .statusCode(204);

        Api.as(alice)
                .get("/api/v1/chats")
                .then()
                .statusCode(200)
                .body("chats[0].lastMessage.id", equalTo(messageId))
                .body("chats[0].lastMessage.deleted", equalTo(true))
                .body("chats[0].lastMessage.preview", nullValue());
    }

    @Test
    void badLimitOrCursorIsA400NamingIt() {
        String alice = Api.user("alice");
        Api.as(alice)
                .get("/api/v1/chats?limit=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("limit"));
        Api.as(alice).get("/api/v1/chats?limit=201").then().statusCode(400).body("field", equalTo("limit"));
        Api.as(alice)
                .get("/api/v1/chats?cursor=not-a-cursor")
                .then()
                .statusCode(400)
                .body("field", equalTo("cursor"));
    }

    @Test
    void withoutATokenTheListIsA401() {
        RestAssured.given().get("/api/v1/chats").then().statusCode(401);
    }

    private static List<String> chatIds(String userId, String query) {
        return Api.as(userId)
                .get("/api/v1/chats" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("chats.id");
    }
}
