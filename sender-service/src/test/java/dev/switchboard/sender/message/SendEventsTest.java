package dev.switchboard.sender.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Message;
import dev.switchboard.events.MessagePreview;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.ChatScene;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.SceneTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What one send publishes: four events, in this order, each with the audience and data of the contract. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class SendEventsTest extends SceneTest {

    @Inject
    EventCodec codec;

    @Override
    protected ChatScene openScene() {
        return ChatScene.withUsers();
    }

    @Test
    void aSendPublishesAddedNotificationChatListAndUnreadInThatOrder() throws Exception {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String carol = Api.user("carol");
        String chatId = Api.createChat(alice, bob, carol);
        List<String> members = List.of(alice, bob, carol).stream().sorted().toList();
        String body = Api.as(alice)
                .header("Switchboard-Origin-Connection", "conn-1")
                .body(Map.of("content", "hi all", "clientMessageId", "c-1"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201)
                .extract()
                .asString();
        JsonNode message = codec.mapper().readTree(body);

        List<EventEnvelope> published = events.untilFence(chatId, alice);

        assertEquals(
                List.of(
                        EventType.CHAT_ADDED,
                        EventType.MESSAGE_ADDED,
                        EventType.CHAT_MESSAGE_NOTIFICATION,
                        EventType.MESSAGE_UPDATE_FOR_CHAT_LIST,
                        EventType.UNREAD_COUNT_UPDATED),
                published.stream().map(EventEnvelope::type).toList());
        published.forEach(e -> assertEquals(UUID.fromString(chatId), e.chatId()));

        EventEnvelope added = published.get(1);
        assertEquals(members, added.audience().userIds());
        assertEquals(List.of("conn-1"), added.audience().excludeConnectionIds());
        assertEquals(message, added.data());

        EventEnvelope notification = published.get(2);
        assertEquals(
                List.of(bob, carol).stream().sorted().toList(),
                notification.audience().userIds());
        assertEquals(List.of(), notification.audience().excludeConnectionIds());
        EventData.ChatMessageNotification note = events.data(notification, EventData.ChatMessageNotification.class);
        assertEquals("Test chat", note.chatName());
        assertEquals(alice, note.senderId());
        assertEquals(preview(message), notification.data().get("message"));

        EventEnvelope chatList = published.get(3);
        assertEquals(members, chatList.audience().userIds());
        EventData.ChatListUpdate line = events.data(chatList, EventData.ChatListUpdate.class);
        assertEquals(1, line.lastSeq());
        assertEquals(preview(message), chatList.data().get("lastMessage"));

        EventEnvelope unread = published.get(4);
        assertEquals(
                List.of(bob, carol).stream().sorted().toList(),
                unread.audience().userIds());
        assertEquals(
                Map.of(bob, 1L, carol, 1L),
                events.data(unread, EventData.UnreadCounts.class).counts());
        published.subList(1, 5).forEach(e -> assertEquals(added.occurredAt(), e.occurredAt()));
    }

    @Test
    void aSenderWithUnreadMessagesIsInTheUnreadEventWithZero() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String chatId = Api.createChat(alice, bob);
        Api.send(alice, chatId, "one");
        Api.send(alice, chatId, "two");

        Api.send(bob, chatId, "answer");
        assertEquals(0, Api.unread(bob, chatId));

        List<EventEnvelope> unread = events.untilFence(chatId, alice, EventType.UNREAD_COUNT_UPDATED);
        EventEnvelope afterAnswer = unread.getLast();
        assertEquals(
                List.of(alice, bob).stream().sorted().toList(),
                afterAnswer.audience().userIds());
        assertEquals(
                Map.of(alice, 1L, bob, 0L),
                events.data(afterAnswer, EventData.UnreadCounts.class).counts());
    }

    @Test
    void aSenderAloneInTheChatGetsNoNotificationAndNoUnreadEvent() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        Api.send(alice, chatId, "note to self");

        List<EventType> types = events.untilFence(chatId, alice).stream()
                .map(EventEnvelope::type)
                .toList();

        assertEquals(
                List.of(EventType.CHAT_ADDED, EventType.MESSAGE_ADDED, EventType.MESSAGE_UPDATE_FOR_CHAT_LIST), types);
    }

    /** The message as notifications and chat-list lines carry it: its reference and the start of its text. */
    private JsonNode preview(JsonNode message) {
        try {
            // Re-parsed so that numbers compare as the received tree holds them.
            return codec.mapper()
                    .readTree(codec.encode(MessagePreview.of(codec.mapper().convertValue(message, Message.class))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
