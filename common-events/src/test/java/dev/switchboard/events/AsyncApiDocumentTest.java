package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/asyncapi.yaml stays true: every event type has a channel, a message and a schema; every golden file (the bytes
 * both services are tested against) passes its event's schema, and so does its WebSocket frame form; and the
 * schemas are strict enough to catch a drift (a field renamed or dropped in a golden file fails).
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT));
    }

    @Test
    void describesEveryEventTypeAndNothingElse() {
        Set<String> types = Arrays.stream(EventType.values())
                .map(EventType::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> channels = names(document.path("channels"));
        channels.remove("socket");
        assertEquals(types, channels, "one Redis channel per event type");
        for (String type : types) {
            assertEquals(
                    "switchboard:" + type + ":{tag}",
                    document.path("channels").path(type).path("address").asText());
            assertTrue(document.at("/components/schemas/" + type + "Event").isObject(), type + "Event schema");
        }
        Set<String> frameEvents = new TreeSet<>();
        document.at("/components/schemas/EventFrame/properties/event/enum")
                .forEach(name -> frameEvents.add(name.asText()));
        assertEquals(types, frameEvents, "the WebSocket event frame names every event type");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenFilePassesItsSchema(EventType type) throws IOException {
        JsonNode golden = JSON.readTree(GoldenEvents.json(type));
        assertEquals(List.of(), errors(type.wireName() + "Event", golden));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventPassesAsAWebSocketFrame(EventType type) throws IOException {
        JsonNode golden = JSON.readTree(GoldenEvents.json(type));
        ObjectNode frame = JSON.createObjectNode()
                .put("type", "event")
                .put("event", type.wireName())
                .put("id", golden.path("id").asText());
        frame.set("chatId", golden.path("chatId"));
        frame.set("occurredAt", golden.path("occurredAt"));
        frame.set(
                "data",
                type == EventType.UNREAD_COUNT_UPDATED
                        ? JSON.createObjectNode()
                                .put("chatId", golden.at("/data/chatId").asText())
                                .put("userId", "bob")
                                .put("unreadCount", 3)
                        : golden.path("data"));
        assertEquals(List.of(), errors("EventFrame", frame));
    }

    @Test
    void aDriftedGoldenFileFails() throws IOException {
        ObjectNode renamed = (ObjectNode) JSON.readTree(GoldenEvents.json(EventType.MESSAGE_ADDED));
        ObjectNode data = (ObjectNode) renamed.path("data");
        data.set("sequence", data.remove("seq"));
        assertFalse(errors("messageAddedEvent", renamed).isEmpty(), "seq renamed");

        ObjectNode wrongType = (ObjectNode) JSON.readTree(GoldenEvents.json(EventType.TYPING));
        ((ObjectNode) wrongType.path("data")).put("typing", "yes");
        assertFalse(errors("typingEvent", wrongType).isEmpty(), "typing not a boolean");

        ObjectNode frame = JSON.createObjectNode().put("type", "event").put("event", "messageDeleted");
        frame.put("id", "0190f5c2-9c30-7e5c-9d4f-6b8a0c3d4e03").putNull("chatId");
        frame.put("occurredAt", "2026-11-22T10:17:00.000Z").putObject("data").put("chatId", "x");
        assertFalse(errors("EventFrame", frame).isEmpty(), "messageDeleted data without id and seq");
    }

    /** Validates against one schema of the document, its $refs resolved within the document. */
    private static List<String> errors(String schemaName, JsonNode instance) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + schemaName);
        root.putObject("components").set("schemas", document.at("/components/schemas"));
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root);
        return schema.validate(instance).stream().map(Error::toString).toList();
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
