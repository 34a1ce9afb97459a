package dev.switchboard.sender.message;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class MessageEditTest extends AliceAndBobChat {

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Inject
    EventCodec codec;

    @Test
    void theAuthorEditsAndGetsTheMessageWithEditedAt() {
        String messageId = Api.sendForId(alice, chatId, "hi bob");

        Api.as(alice)
                .body(Map.of("content", "hi bob, fixed"))
                .patch(path(messageId))
                .then()
                .statusCode(200)
                .body("id", equalTo(messageId))
                .body("seq", equalTo(1))
                .body("content", equalTo("hi bob, fixed"))
                .body("contentType", equalTo("text"))
                .body("editedAt", matchesPattern(TIME))
                .body("deleted", equalTo(false));
        Api.as(bob)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .body("messages[0].content", equalTo("hi bob, fixed"))
                .body("messages[0].editedAt", notNullValue());
    }

    @Test
    void anEditPublishesMessageUpdatedToAllMembersAndTheChatListLineWhenItIsTheNewestMessage() {
        String messageId = Api.sendForId(alice, chatId, "hi bob");
        Map<?, ?> edited = Api.as(alice)
                .body(Map.of("content", "fixed"))
                .patch(path(messageId))
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);

        List<EventEnvelope> published = events.untilFence(chatId, bob);
        List<EventEnvelope> afterEdit = published.subList(published.size() - 2, published.size());

        EventEnvelope updated = afterEdit.get(0);
        assertEquals(EventType.MESSAGE_UPDATED, updated.type());
        assertEquals(List.of(alice, bob), updated.audience().userIds());
        assertEquals(codec.mapper().valueToTree(edited), updated.data());
        EventEnvelope chatList = afterEdit.get(1);
        assertEquals(EventType.MESSAGE_UPDATE_FOR_CHAT_LIST, chatList.type());
        EventData.ChatListUpdate line = events.data(chatList, EventData.ChatListUpdate.class);
        assertEquals(1, line.lastSeq());
        assertEquals("fixed", line.lastMessage().preview());
    }

    @Test
    void editingAnOlderMessageLeavesTheChatListAlone() {
        String first = Api.sendForId(alice, chatId, "first");
        Api.send(alice, chatId, "second");
        Api.as(alice)
                .body(Map.of("content", "first, fixed"))
                .patch(path(first))
                .then()
                .statusCode(200);

        List<EventEnvelope> published = events.untilFence(chatId, bob);

        assertEquals(EventType.MESSAGE_UPDATED, published.getLast().type());
        assertEquals(
                2,
                events.data(
                                published.stream()
                                        .filter(e -> e.type() == EventType.MESSAGE_UPDATE_FOR_CHAT_LIST)
                                        .toList()
                                        .getLast(),
                                EventData.ChatListUpdate.class)
                        .lastSeq());
    }

    @Test
    void repeatingTheSameEditChangesAndPublishesNothingMore() {
        String messageId = Api.sendForId(alice, chatId, "hi");
        String first = Api.as(alice)
                .body(Map.of("content", "fixed"))
                .patch(path(messageId))
                .then()
                .statusCode(200)
                .extract()
                .path("editedAt");

        Api.as(alice)
                .body(Map.of("content", "fixed"))
                .patch(path(messageId))
                .then()
                .statusCode(200)
                .body("editedAt", equalTo(first));

        assertEquals(
                1, events.untilFence(chatId, alice, EventType.MESSAGE_UPDATED).size());
    }

    @Test
    void anEditThatRepeatsTheContentOfANeverEditedMessageIsANoOpWithNoEvent() {
        // Finding 8: before, this set editedAt and published messageUpdated (only a second repeat was a no-op).
        String messageId = Api.sendForId(alice, chatId, "hi bob");

        Api.as(alice)
                .body(Map.of("content", "hi bob"))
                .patch(path(messageId))
                .then()
                .statusCode(200)
                .body("content", equalTo("hi bob"))
                .body("editedAt", nullValue());

        assertEquals(List.of(), events.untilFence(chatId, alice, EventType.MESSAGE_UPDATED));
        Api.as(bob).get("/api/v1/chats/{id}/messages", chatId).then().body("messages[0].editedAt", nullValue());
    }

    @Test
    void anotherMembersEditIsA403AndChangesNothing() {
        String messageId = Api.sendForId(alice, chatId, "mine");

        Api.as(bob)
                .body(Map.of("content", "yours now"))
                .patch(path(messageId))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));

        Api.as(alice).get("/api/v1/chats/{id}/messages", chatId).then().body("messages[0].content", equalTo("mine"));
        assertEquals(List.of(), events.untilFence(chatId, alice, EventType.MESSAGE_UPDATED));
    }

    @Test
    void aDeletedMessageCannotBeEdited() {
        String messageId = Api.sendForId(alice, chatId, "gone soon");
        Api.as(alice).delete(path(messageId)).then().statusCode(204);

        Api.as(alice)
                .body(Map.of("content", "back"))
                .patch(path(messageId))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownMessageIsA404AndSoIsAnyMessageForANonMember() {
        String messageId = Api.sendForId(alice, chatId, "hi");

        Api.as(alice)
                .body(Map.of("content", "x"))
                .patch(path(UUID.randomUUID().toString()))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(alice)
                .body(Map.of("content", "x"))
                .patch(path("not-a-uuid"))
                .then()
                .statusCode(404);
        String otherChat = Api.createChat(alice);
        Api.as(alice)
                .body(Map.of("content", "x"))
                .patch("/api/v1/chats/{c}/messages/{m}", otherChat, messageId)
                .then()
                .statusCode(404);
        Api.as(Api.user("mallory"))
                .body(Map.of("content", "x"))
                .patch(path(messageId))
                .then()
                .statusCode(404);
    }

    @Test
    void theContentRulesOfASendApplyToAnEdit() {
        String messageId = Api.sendForId(alice, chatId, "hi");

        Api.as(alice)
                .body(Map.of())
                .patch(path(messageId))
                .then()
                .statusCode(400)
                .body("field", equalTo("content"));
        Api.as(alice)
                .body("{\"content\": 5}")
                .patch(path(messageId))
                .then()
                .statusCode(400)
                .body("field", equalTo("content"));
        Api.as(alice)
                .body(Map.of("content", "x".repeat(16385)))
                .patch(path(messageId))
                .then()
                .statusCode(413)
                .body("field", equalTo("content"));
    }

    @Test
    void editedCiphertextKeepsItsContentType() {
        String messageId = Api.as(alice)
                .body(Map.of("content", "AAEC", "contentType", "ciphertext"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Api.as(alice)
                .body(Map.of("content", "BBED"))
                .patch(path(messageId))
                .then()
                .statusCode(200)
                .body("content", equalTo("BBED"))
                .body("contentType", equalTo("ciphertext"));
    }

    private String path(String messageId) {
        return "/api/v1/chats/" + chatId + "/messages/" + messageId;
    }
}
