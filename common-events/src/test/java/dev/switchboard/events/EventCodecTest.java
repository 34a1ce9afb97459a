package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenEventSurvivesDecodeAndEncodeUnchanged(EventType type) throws Exception {
        String golden = GoldenEvents.json(type);
        EventEnvelope envelope = codec.decode(golden);
        assertEquals(type, envelope.type());
        JsonNode expected = codec.mapper().readTree(golden);
        JsonNode actual = codec.mapper().readTree(codec.encode(envelope));
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenPayloadBindsToItsRecordAndBackWithoutLoss(EventType type) throws Exception {
        EventEnvelope envelope = codec.decode(GoldenEvents.json(type));
        Class<?> dataType = switch (type) {
            case MESSAGE_ADDED, MESSAGE_UPDATED -> Message.class;
            case MESSAGE_DELETED -> EventData.MessageDeleted.class;
            case CHAT_ADDED -> Chat.class;
            case CHAT_UPDATED -> EventData.ChatUpdated.class;
            case CHAT_MESSAGE_NOTIFICATION -> EventData.ChatMessageNotification.class;
            case MESSAGE_UPDATE_FOR_CHAT_LIST -> EventData.ChatListUpdate.class;
            case UNREAD_COUNT_UPDATED -> EventData.UnreadCounts.class;
            case MESSAGE_READ_UPDATED -> EventData.ReadMark.class;
            case MESSAGE_DELIVERED_UPDATED -> EventData.Receipts.class;
            case TYPING -> EventData.Typing.class;
            case PRESENCE_CHANGED -> EventData.Presence.class;
        };
        Object data = codec.dataAs(envelope, dataType);
        // Compared as re-parsed text: a tree built from a record holds LongNodes where parsing gives IntNodes.
        assertEquals(
                codec.mapper().readTree(codec.encode(envelope.data())),
                codec.mapper().readTree(codec.encode(data)));
    }

    @Test
    void timesAlwaysCarryMillisecondsEvenWhenZero() {
        Message message = new Message(
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                "alice",
                "x",
                "text",
                null,
                Instant.parse("2026-11-22T10:15:30Z"),
                null,
                false);
        assertEquals(
                "2026-11-22T10:15:30.000Z",
                codec.toTree(message).get("createdAt").asText());
    }

    @Test
    void envelopeGetsFreshTimeOrderedIdAndMillisecondTime() {
        EventEnvelope a = codec.envelope(
                EventType.UNREAD_COUNT_UPDATED,
                UUID.randomUUID(),
                Instant.parse("2026-11-22T10:15:30.123456Z"),
                Audience.of(List.of("bob")),
                new EventData.UnreadCounts(UUID.randomUUID(), Map.of("bob", 3L)));
        EventEnvelope b =
                codec.envelope(EventType.UNREAD_COUNT_UPDATED, a.chatId(), a.occurredAt(), a.audience(), a.data());
        assertEquals(7, a.id().version());
        assertTrue(a.id().compareTo(b.id()) != 0);
        assertEquals(Instant.parse("2026-11-22T10:15:30.123Z"), a.occurredAt());
        assertEquals(3, codec.dataAs(a, EventData.UnreadCounts.class).counts().get("bob"));
    }

    @Test
    void rejectsUnknownTypeWrongVersionAndGarbage() {
        String golden = GoldenEvents.json(EventType.MESSAGE_ADDED);
        assertThrows(
                EventCodec.InvalidEventException.class,
                () -> codec.decode(golden.replace("\"messageAdded\"", "\"messageExploded\"")));
        assertThrows(
                EventCodec.InvalidEventException.class, () -> codec.decode(golden.replace("\"v\": 1", "\"v\": 2")));
        assertThrows(EventCodec.InvalidEventException.class, () -> codec.decode("not json"));
        assertThrows(EventCodec.InvalidEventException.class, () -> codec.decode("{\"v\":1}"));
    }

    @Test
    void excludingAConnectionKeepsTheUsers() {
        Audience audience = Audience.of(List.of("alice", "bob")).excluding("conn-1");
        assertEquals(List.of("alice", "bob"), audience.userIds());
        assertEquals(List.of("conn-1"), audience.excludeConnectionIds());
        assertEquals(audience, audience.excluding(null));
    }

    @Test
    void deletedMessageHasNullContent() {
        Message tombstone = new Message(
                UUID.randomUUID(),
                UUID.randomUUID(),
                3,
                "alice",
                null,
                "text",
                null,
                Instant.now(),
                Instant.now(),
                true);
        assertNull(codec.dataAs(
                        new EventEnvelope(
                                1,
                                UUID.randomUUID(),
                                EventType.MESSAGE_UPDATED,
                                tombstone.chatId(),
                                Instant.now(),
                                Audience.of(List.of("alice")),
                                codec.toTree(tombstone)),
                        Message.class)
                .content());
    }
}
