package dev.switchboard.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Chat;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import dev.switchboard.events.Message;
import dev.switchboard.sender.chat.ChatEvents;
import dev.switchboard.sender.message.MessageEvents;
import dev.switchboard.sender.read.ReadEvents;
import dev.switchboard.sender.receipt.ReceiptEvents;
import dev.switchboard.sender.receipt.ReceiptTicks;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Producer side of the wire contract: the events this service builds, for the inputs of the golden files, are the
 * golden files (the envelope id aside: ids are generated). One test per event type of the contract.
 */
class GoldenEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID CHAT_ID = UUID.fromString("0190f5c2-7a1e-7c3a-9b2d-4f6e8a1b2c3d");
    private static final UUID MESSAGE_ID = UUID.fromString("0190f5c2-8b2f-7d4b-8c3e-5a7f9b2c3d4e");
    private static final Instant SENT_AT = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final Message MESSAGE =
            new Message(MESSAGE_ID, CHAT_ID, 42, "alice", "hi bob", "text", "c-1", SENT_AT, null, false);
    private static final Set<EventType> COVERED = EnumSet.noneOf(EventType.class);

    private final EventCodec codec = new EventCodec();
    private final MessageEvents messageEvents = new MessageEvents(codec);
    private final ChatEvents chatEvents = new ChatEvents(codec);
    private final ReadEvents readEvents = new ReadEvents(codec);
    private final ReceiptEvents receiptEvents = new ReceiptEvents(codec);

    @Test
    void messageAddedMatchesTheGoldenFile() throws Exception {
        assertMatchesGolden(
                EventType.MESSAGE_ADDED, messageEvents.messageAdded(MESSAGE, List.of("alice", "bob"), "conn-7f3a"));
    }

    @Test
    void messageUpdatedMatchesTheGoldenFile() throws Exception {
        Message edited = new Message(
                MESSAGE_ID,
                CHAT_ID,
                42,
                "alice",
                "hi bob, fixed",
                "text",
                "c-1",
                SENT_AT,
                Instant.parse("2026-11-22T10:16:00.000Z"),
                false);

        assertMatchesGolden(EventType.MESSAGE_UPDATED, messageEvents.messageUpdated(edited, List.of("alice", "bob")));
    }

    @Test
    void messageDeletedMatchesTheGoldenFile() throws Exception {
        Message tombstone = new Message(MESSAGE_ID, CHAT_ID, 42, "alice", null, "text", "c-1", SENT_AT, null, true);

        assertMatchesGolden(
                EventType.MESSAGE_DELETED,
                messageEvents.messageDeleted(
                        tombstone, List.of("alice", "bob"), Instant.parse("2026-11-22T10:17:00.000Z")));
    }

    @Test
    void chatAddedMatchesTheGoldenFile() throws Exception {
        Chat chat = new Chat(
                CHAT_ID,
                "Project",
                List.of("alice", "bob"),
                "alice",
                Instant.parse("2026-11-22T10:00:00.000Z"),
                0,
                HistoryVisibility.ALL);

        assertMatchesGolden(EventType.CHAT_ADDED, chatEvents.chatAdded(chat));
    }

    @Test
    void chatUpdatedMatchesTheGoldenFileWithTheMembersBeforeAndAfterAsAudience() throws Exception {
        Chat after = new Chat(
                CHAT_ID,
                "Project X",
                List.of("alice", "bob"),
                "alice",
                Instant.parse("2026-11-22T10:00:00.000Z"),
                42,
                HistoryVisibility.SINCE_JOIN);

        assertMatchesGolden(
                EventType.CHAT_UPDATED,
                chatEvents.chatUpdated(
                        after,
                        List.of("alice", "bob", "carol"),
                        "alice",
                        Map.of("bob", MemberRole.ADMIN),
                        Instant.parse("2026-11-22T10:20:00.000Z")));
    }

    @Test
    void chatMessageNotificationMatchesTheGoldenFileAndLeavesOutTheSender() throws Exception {
        assertMatchesGolden(
                EventType.CHAT_MESSAGE_NOTIFICATION,
                messageEvents.chatMessageNotification(MESSAGE, "Project", List.of("alice", "bob")));
    }

    @Test
    void messageUpdateForChatListMatchesTheGoldenFile() throws Exception {
        assertMatchesGolden(
                EventType.MESSAGE_UPDATE_FOR_CHAT_LIST,
                messageEvents.chatListUpdate(MESSAGE, 42, List.of("alice", "bob"), SENT_AT));
    }

    @Test
    void unreadCountUpdatedMatchesTheGoldenFileWithTheChangedMembersAsAudience() throws Exception {
        assertMatchesGolden(
                EventType.UNREAD_COUNT_UPDATED,
                readEvents.unreadCountUpdated(CHAT_ID, Map.of("carol", 1L, "bob", 3L), SENT_AT));
    }

    @Test
    void messageReadUpdatedMatchesTheGoldenFile() throws Exception {
        Instant readAt = Instant.parse("2026-11-22T10:18:00.000Z");

        assertMatchesGolden(
                EventType.MESSAGE_READ_UPDATED,
                readEvents.messageReadUpdated(CHAT_ID, "bob", 42, readAt, List.of("alice", "bob")));
    }

    @Test
    void messageDeliveredUpdatedMatchesTheGoldenFile() throws Exception {
        assertMatchesGolden(
                EventType.MESSAGE_DELIVERED_UPDATED,
                receiptEvents.messageDeliveredUpdated(
                        CHAT_ID,
                        new ReceiptTicks(42, 40),
                        List.of(new EventData.ReceiptMark("bob", 42, 40)),
                        0,
                        List.of("alice", "bob"),
                        Instant.parse("2026-11-22T10:17:30.000Z")));
    }

    @Test
    void noEventIsBuiltForAnEmptyAudience() {
        assertEquals(null, messageEvents.chatMessageNotification(MESSAGE, "Notes", List.of("alice")));
        assertEquals(null, readEvents.unreadCountUpdated(CHAT_ID, Map.of(), SENT_AT));
    }

    @Test
    void everyEventTypeOfTheContractHasAProducerGoldenTest() throws Exception {
        // Runs the others so that the check does not depend on test order.
        messageAddedMatchesTheGoldenFile();
        messageUpdatedMatchesTheGoldenFile();
        messageDeletedMatchesTheGoldenFile();
        chatAddedMatchesTheGoldenFile();
        chatUpdatedMatchesTheGoldenFileWithTheMembersBeforeAndAfterAsAudience();
        chatMessageNotificationMatchesTheGoldenFileAndLeavesOutTheSender();
        messageUpdateForChatListMatchesTheGoldenFile();
        unreadCountUpdatedMatchesTheGoldenFileWithTheChangedMembersAsAudience();
        messageReadUpdatedMatchesTheGoldenFile();
        messageDeliveredUpdatedMatchesTheGoldenFile();

        // Events routed to watchers (typing) are produced by the receivers; their producer test is there.
        Set<EventType> produced = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (!type.routedToWatchers()) {
                produced.add(type);
            }
        }
        assertEquals(produced, COVERED);
    }

    private void assertMatchesGolden(EventType type, EventEnvelope event) throws Exception {
        COVERED.add(type);
        assertEquals(type, event.type());
        JsonNode golden = JSON.readTree(GoldenEvents.json(type));
        JsonNode produced = JSON.readTree(codec.encode(event));
        assertEquals(7, UUID.fromString(produced.get("id").asText()).version(), "event ids are UUIDv7");
        ((ObjectNode) golden).remove("id");
        ((ObjectNode) produced).remove("id");
        assertEquals(golden, produced);
    }
}
