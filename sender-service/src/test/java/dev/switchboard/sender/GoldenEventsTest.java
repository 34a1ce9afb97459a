package dev.switchboard.sender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Chat;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.events.Message;
import dev.switchboard.sender.chat.ChatEvents;
import dev.switchboard.sender.message.MessageEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Producer side of the wire contract: the events this service builds, for the inputs of the golden files, are the
 * golden files (the envelope id aside: ids are generated).
 */
class GoldenEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID CHAT_ID = UUID.fromString("0190f5c2-7a1e-7c3a-9b2d-4f6e8a1b2c3d");

    private final EventCodec codec = new EventCodec();

    @Test
    void messageAddedMatchesTheGoldenFile() throws Exception {
        Message message = new Message(UUID.fromString("0190f5c2-8b2f-7d4b-8c3e-5a7f9b2c3d4e"), CHAT_ID, 42, "alice",
                "hi bob", "text", "c-1", Instant.parse("2026-11-22T10:15:30.123Z"), null, false);

        EventEnvelope event = new MessageEvents(codec).messageAdded(message, List.of("alice", "bob"), "conn-7f3a");

        assertMatchesGolden(EventType.MESSAGE_ADDED, event);
    }

    @Test
    void chatAddedMatchesTheGoldenFile() throws Exception {
        Chat chat = new Chat(CHAT_ID, "Project", List.of("alice", "bob"), "alice",
                Instant.parse("2026-11-22T10:00:00.000Z"), 0);

        EventEnvelope event = new ChatEvents(codec).chatAdded(chat);

        assertMatchesGolden(EventType.CHAT_ADDED, event);
    }

    private void assertMatchesGolden(EventType type, EventEnvelope event) throws Exception {
        JsonNode golden = JSON.readTree(GoldenEvents.json(type));
        JsonNode produced = JSON.readTree(codec.encode(event));
        assertEquals(7, UUID.fromString(produced.get("id").asText()).version(), "event ids are UUIDv7");
        ((ObjectNode) golden).remove("id");
        ((ObjectNode) produced).remove("id");
        assertEquals(golden, produced);
    }
}
