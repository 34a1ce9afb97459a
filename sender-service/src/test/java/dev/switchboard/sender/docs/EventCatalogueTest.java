package dev.switchboard.sender.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.events.Partitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/events.md cannot drift from the wire contract: every event type has its section, with its channel, the
 * rows of its data table, and a JSON example equal to the golden file of common-events.
 */
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("../docs/events.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventHasASectionWithItsChannelWhenAudienceAndData(EventType type) throws IOException {
        String section = section(type);

        assertTrue(
                section.contains("`" + new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(1)).family(type)
                        + ":{<tag>}`"),
                "channel of " + type.wireName());
        for (String part : new String[] {"**When.**", "**Audience.**", "**Data.**"}) {
            assertTrue(section.contains(part), part + " of " + type.wireName());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theExampleOfEveryEventIsItsGoldenFile(EventType type) throws IOException {
        Matcher block = JSON_BLOCK.matcher(section(type));
        assertTrue(block.find(), "a ```json example for " + type.wireName());

        assertEquals(
                JSON.readTree(GoldenEvents.json(type)),
                JSON.readTree(block.group(1)),
                "the example of " + type.wireName() + " differs from golden/" + type.wireName() + ".json");
        assertFalse(block.find(), "one example per event: " + type.wireName());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theDataTableNamesEveryFieldOfTheEvent(EventType type) throws IOException {
        String section = section(type);
        JsonNode data = JSON.readTree(GoldenEvents.json(type)).get("data");

        data.fieldNames()
                .forEachRemaining(field ->
                        assertTrue(section.contains("| `" + field + "` |"), type.wireName() + " data field " + field));
    }

    /** From the event's {@code ## name} heading to the next heading of that level. */
    private static String section(EventType type) throws IOException {
        String doc = Files.readString(CATALOGUE);
        String heading = "\n## " + type.wireName() + "\n";
        int start = doc.indexOf(heading);
        assertTrue(start >= 0, "docs/events.md has no section '## " + type.wireName() + "'");
        int end = doc.indexOf("\n## ", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
