package dev.switchboard.sender.chat;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.ChatScene;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.SceneTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatUpdateTest extends SceneTest {

    private String alice;
    private String bob;
    private String carol;

    @Override
    protected ChatScene openScene() {
        ChatScene users = ChatScene.withUsers("alice", "bob", "carol");
        alice = users.user("alice");
        bob = users.user("bob");
        carol = users.user("carol");
        return users;
    }

    @Test
    void theOwnerRenamesAndChangesMembersAndGetsTheChatBack() {
        String chatId = Api.createChat(alice, bob, carol);
        String dave = Api.user("dave");

        Api.as(alice)
                .body(Map.of("name", " Project X ", "addMemberIds", List.of(dave), "removeMemberIds", List.of(carol)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200)
                .body("id", equalTo(chatId))
                .body("name", equalTo("Project X"))
                .body("memberIds", equalTo(List.of(alice, bob, dave)))
                .body("createdBy", equalTo(alice));
        Api.as(dave).get("/api/v1/chats/{id}", chatId).then().statusCode(200).body("name", equalTo("Project X"));
    }

    @Test
    void chatUpdatedGoesToTheMembersBeforeAndAfterWithTheRemovedOnes() {
        String chatId = Api.createChat(alice, bob, carol);
        String dave = Api.user("dave");
        Api.as(alice)
                .body(Map.of("name", "Renamed", "addMemberIds", List.of(dave), "removeMemberIds", List.of(carol)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200);

        EventEnvelope event = events.await(chatId, EventType.CHAT_UPDATED, 1).getFirst();

        assertEquals(
                List.of(alice, bob, carol, dave).stream().sorted().toList(),
                event.audience().userIds());
        EventData.ChatUpdated data = events.data(event, EventData.ChatUpdated.class);
        assertEquals(UUID.fromString(chatId), data.id());
        assertEquals("Renamed", data.name());
        assertEquals(List.of(alice, bob, dave).stream().sorted().toList(), data.memberIds());
        assertEquals(List.of(carol), data.removedMemberIds());
    }

    @Test
    void aRemovedMemberGets404AndIsInNoLaterAudience() {
        String chatId = Api.createChat(alice, bob);
        Api.as(alice)
                .body(Map.of("removeMemberIds", List.of(bob)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200)
                .body("memberIds", equalTo(List.of(alice)));

        Api.as(bob).get("/api/v1/chats/{id}", chatId).then().statusCode(404);
        Api.as(bob).get("/api/v1/chats/{id}/messages", chatId).then().statusCode(404);
        Api.as(bob)
                .body(Map.of("content", "still here?"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(404);
        Api.as(bob)
                .body(Map.of("upToSeq", 1))
                .post("/api/v1/chats/{id}/read", chatId)
                .then()
                .statusCode(404);
        Api.as(bob)
                .body(Map.of("name", "mine"))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(404);
        assertFalse(Api.as(bob)
                .get("/api/v1/chats")
                .then()
                .extract()
                .jsonPath()
                .getList("chats.id")
                .contains(chatId));

        events.untilFence(chatId, alice);
        List<EventEnvelope> published = events.of(chatId);
        int removal = IntStream.range(0, published.size())
                .filter(i -> published.get(i).type() == EventType.CHAT_UPDATED)
                .findFirst()
                .orElseThrow();
        assertTrue(published.get(removal).audience().userIds().contains(bob), "the removed member learns of it");
        List<EventEnvelope> later = published.subList(removal + 1, published.size());
        assertFalse(later.isEmpty());
        later.forEach(
                e -> assertFalse(e.audience().userIds().contains(bob), e.type().wireName()));
    }

    @Test
    void aMemberMayLeaveByRemovingThemselves() {
        String chatId = Api.createChat(alice, bob);

        Api.as(bob)
                .body(Map.of("removeMemberIds", List.of(bob)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200)
                .body("memberIds", equalTo(List.of(alice)));

        Api.as(bob).get("/api/v1/chats/{id}", chatId).then().statusCode(404);
    }

    @Test
    void anAddedMemberReadsTheHistoryAndStartsWithNothingUnread() {
        String chatId = Api.createChat(alice);
        Api.send(alice, chatId, "before bob");
        Api.as(alice)
                .body(Map.of("addMemberIds", List.of(bob)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200);

        Api.as(bob)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(200)
                .body("messages.content", equalTo(List.of("before bob")));
        assertEquals(0, Api.unread(bob, chatId));
        Api.send(alice, chatId, "after bob");
        assertEquals(1, Api.unread(bob, chatId));
    }

    @Test
    void addingAMemberOrRemovingANonMemberIsANoOpThatPublishesNothing() {
        String chatId = Api.createChat(alice, bob);

        Api.as(alice)
                .body(Map.of("addMemberIds", List.of(bob), "removeMemberIds", List.of(carol)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200)
                .body("memberIds", equalTo(List.of(alice, bob)));
        Api.as(alice)
                .body(Map.of("name", "Test chat"))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200);
        Api.as(alice).body(Map.of()).patch("/api/v1/chats/{id}", chatId).then().statusCode(200);

        assertEquals(List.of(), events.untilFence(chatId, alice, EventType.CHAT_UPDATED));
    }

    @Test
    void aUserBothAddedAndRemovedIsA400NamingTheFields() {
        String chatId = Api.createChat(alice, bob);

        Api.as(alice)
                .body(Map.of("addMemberIds", List.of(carol), "removeMemberIds", List.of(carol)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("addMemberIds", "removeMemberIds")));
    }

    @Test
    void theNameAndMemberLimitsApplyToChangesToo() {
        String chatId = Api.createChat(alice, bob);

        Api.as(alice)
                .body(Map.of("name", "x".repeat(201)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));
        Api.as(alice)
                .body(Map.of("addMemberIds", List.of("fine", "not fine")))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("addMemberIds[1]"));
        // 998 new ones fit next to alice and bob (1,000); 999 do not.
        List<String> many =
                IntStream.range(0, 999).mapToObj(i -> "m" + i + "-" + alice).toList();
        Api.as(alice)
                .body(Map.of("addMemberIds", many))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("addMemberIds"));
        Api.as(alice)
                .body(Map.of("addMemberIds", many.subList(0, 998)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200);
        Api.as(alice).get("/api/v1/chats/{id}", chatId).then().body("memberIds.size()", equalTo(1000));
    }

    @Test
    void wrongTypesAreA400NamingTheField() {
        String chatId = Api.createChat(alice);

        Api.as(alice)
                .body("{\"addMemberIds\":\"bob\"}")
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("addMemberIds"));
        Api.as(alice)
                .body("{\"name\":7}")
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));
    }

    @Test
    void aNonMemberAndAnUnknownChatAreBoth404() {
        String chatId = Api.createChat(alice);

        Api.as(bob)
                .body(Map.of("name", "mine"))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(bob)
                .body(Map.of("name", "mine"))
                .patch("/api/v1/chats/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
