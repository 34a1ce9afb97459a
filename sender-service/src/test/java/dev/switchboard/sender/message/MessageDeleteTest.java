package dev.switchboard.sender.message;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class MessageDeleteTest extends SceneTest {

    private String alice;
    private String bob;
    private String carol;
    private String chatId;

    @Override
    protected ChatScene openScene() {
        ChatScene chat = ChatScene.withChat("alice", "bob", "carol");
        alice = chat.user("alice");
        bob = chat.user("bob");
        carol = chat.user("carol");
        chatId = chat.chatId();
        return chat;
    }

    @Test
    void theAuthorDeletesAndTheMessageStaysInHistoryAsATombstone() {
        String messageId = Api.sendForId(alice, chatId, "regret");
        Api.send(bob, chatId, "after it");

        Api.as(alice).delete(path(messageId)).then().statusCode(204);

        Api.as(bob)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(200)
                .body("messages.seq", equalTo(List.of(1, 2)))
                .body("messages[0].id", equalTo(messageId))
                .body("messages[0].deleted", equalTo(true))
                .body("messages[0].content", nullValue())
                .body("messages[0].senderId", equalTo(alice))
                .body("messages[1].deleted", equalTo(false));
    }

    @Test
    void aDeletePublishesMessageDeletedToAllMembersAndTheChatListLineForTheNewestMessage() {
        String messageId = Api.sendForId(alice, chatId, "regret");
        Api.as(alice).delete(path(messageId)).then().statusCode(204);

        List<EventEnvelope> published = events.untilFence(chatId, alice);
        int at = indexOf(published, EventType.MESSAGE_DELETED);

        EventEnvelope deleted = published.get(at);
        assertEquals(
                List.of(alice, bob, carol).stream().sorted().toList(),
                deleted.audience().userIds());
        assertEquals(
                new EventData.MessageDeleted(UUID.fromString(messageId), UUID.fromString(chatId), 1),
                events.data(deleted, EventData.MessageDeleted.class));
        EventEnvelope line = published.get(at + 1);
        assertEquals(EventType.MESSAGE_UPDATE_FOR_CHAT_LIST, line.type());
        EventData.ChatListUpdate update = events.data(line, EventData.ChatListUpdate.class);
        assertEquals(true, update.lastMessage().deleted());
        assertEquals(null, update.lastMessage().preview());
    }

    @Test
    void deletingAnUnreadMessageLowersTheCountsOfThoseWhoHadNotReadIt() {
        String messageId = Api.sendForId(alice, chatId, "one");
        Api.send(alice, chatId, "two");
        Api.read(bob, chatId, 1);
        assertEquals(2, Api.unread(carol, chatId));
        assertEquals(1, Api.unread(bob, chatId));

        Api.as(alice).delete(path(messageId)).then().statusCode(204);

        assertEquals(1, Api.unread(carol, chatId));
        assertEquals(1, Api.unread(bob, chatId), "bob had read it already");
        List<EventEnvelope> unread = events.untilFence(chatId, alice, EventType.UNREAD_COUNT_UPDATED);
        EventEnvelope afterDelete = unread.getLast();
        assertEquals(List.of(carol), afterDelete.audience().userIds());
        assertEquals(
                Map.of(carol, 1L),
                events.data(afterDelete, EventData.UnreadCounts.class).counts());
    }

    @Test
    void deletingAgainIsA204ThatPublishesNothing() {
        String messageId = Api.sendForId(alice, chatId, "regret");
        Api.as(alice).delete(path(messageId)).then().statusCode(204);

        Api.as(alice).delete(path(messageId)).then().statusCode(204);

        assertEquals(
                1, events.untilFence(chatId, alice, EventType.MESSAGE_DELETED).size());
        assertEquals(1, Api.unread(bob, chatId), "only the fence is unread, the deleted message counted down once");
    }

    @Test
    void anotherMembersDeleteIsA403AndChangesNothing() {
        String messageId = Api.sendForId(alice, chatId, "mine");

        Api.as(bob).delete(path(messageId)).then().statusCode(403).contentType("application/problem+json");

        Api.as(alice).get("/api/v1/chats/{id}/messages", chatId).then().body("messages[0].deleted", equalTo(false));
        assertEquals(List.of(), events.untilFence(chatId, alice, EventType.MESSAGE_DELETED));
    }

    @Test
    void unknownMessagesAndNonMembersGet404() {
        String messageId = Api.sendForId(alice, chatId, "hi");

        Api.as(alice)
                .delete(path(UUID.randomUUID().toString()))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(Api.user("mallory")).delete(path(messageId)).then().statusCode(404);
    }

    private String path(String messageId) {
        return "/api/v1/chats/" + chatId + "/messages/" + messageId;
    }

    private static int indexOf(List<EventEnvelope> events, EventType type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == type) {
                return i;
            }
        }
        throw new AssertionError("no " + type.wireName() + " in " + events);
    }
}
