package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The glance must never call an event "for nobody" that the full decode would deliver to someone here: that would be
 * a lost event. Everything it cannot read plainly it leaves to the decoder (null).
 */
class EnvelopeGlanceTest {

    private final EventCodec codec = new EventCodec();
    private final EnvelopeGlance glance = codec.glance();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyGoldenEventIsSeenWithItsTypeChatAndAudience() {
        for (EventType type : EventType.values()) {
            byte[] json = bytes(GoldenEvents.json(type));
            EventEnvelope decoded = codec.decode(json);
            if (type.routedToWatchers()) {
                // No listed audience: receivers never glance at these (EventIngest decodes them for the watchers).
                EnvelopeGlance.Seen seen = glance.read(json, user -> true);
                assertTrue(seen == null || !seen.forSomeone(), type.wireName());
                continue;
            }
            String member = decoded.audience().userIds().getFirst();

            EnvelopeGlance.Seen forMember = glance.read(json, member::equals);
            EnvelopeGlance.Seen forStranger = glance.read(json, "mallory"::equals);

            assertNotNull(forMember, type.wireName());
            assertEquals(type.wireName(), forMember.type());
            assertEquals(decoded.chatId().toString(), forMember.chatId());
            assertTrue(forMember.forSomeone(), type.wireName());
            assertFalse(forStranger.forSomeone(), type.wireName());
        }
    }

    @Test
    void aPayloadIsReadWhereItLiesInALargerBuffer() {
        byte[] json = bytes(GoldenEvents.json(EventType.MESSAGE_ADDED));
        byte[] buffer = new byte[json.length + 20];
        Arrays.fill(buffer, (byte) '{');
        System.arraycopy(json, 0, buffer, 7, json.length);

        assertTrue(glance.read(buffer, 7, json.length, "bob"::equals).forSomeone());
        assertFalse(glance.read(buffer, 7, json.length, "mallory"::equals).forSomeone());
        assertEquals(codec.decode(json), codec.decode(buffer, 7, json.length));
    }

    @Test
    void aPackedAudienceIsUnpackedAndSearched() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            members.add("member-" + i);
        }
        byte[] json = codec.encodeToBytes(envelope(Audience.of(members)));

        assertTrue(new String(json, StandardCharsets.UTF_8).contains("packedUserIds"));
        assertTrue(glance.read(json, "member-999"::equals).forSomeone());
        assertFalse(glance.read(json, "member-1000"::equals).forSomeone());
    }

    @Test
    void theGlanceStopsAtTheFirstPresentMemberAndNeverLooksAtData() {
        byte[] json = bytes("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"messageAdded\",\"chatId\":\""
                + UUID.randomUUID() + "\",\"audience\":{\"userIds\":[\"a\",\"b\",\"c\"]},\"data\":{\"broken\":");
        List<String> asked = new ArrayList<>();

        EnvelopeGlance.Seen seen = glance.read(json, id -> asked.add(id) && id.equals("b"));

        assertTrue(seen.forSomeone());
        assertEquals(List.of("a", "b"), asked);
        assertFalse(glance.read(json, id -> false).forSomeone()); // data is malformed, but nobody here wants it
    }

    @Test
    void whatTheGlanceCannotReadPlainlyIsLeftToTheDecoder() {
        String chat = UUID.randomUUID().toString();
        Predicate<String> nobody = id -> false;

        assertNull(glance.read(bytes("not json"), nobody));
        assertNull(glance.read(bytes("[1,2]"), nobody));
        assertNull(glance.read(bytes("{\"type\":\"messageAdded\",\"chatId\":\"" + chat + "\""), nobody));
        assertNull(
                glance.read(bytes("{\"type\":\"messageAdded\",\"chatId\":\"" + chat + "\",\"audience\":[]}"), nobody));
        assertNull(glance.read(
                bytes("{\"type\":\"messageAdded\",\"chatId\":\"" + chat + "\",\"audience\":{\"userIds\":[\"a\""),
                nobody));
        assertNull(glance.read(
                bytes("{\"type\":\"messageAdded\",\"chatId\":\"" + chat
                        + "\",\"audience\":{\"packedUserIds\":\"not base64!\"}}"),
                nobody));
        // type and chat after the audience: another producer's field order
        assertNull(glance.read(
                bytes("{\"audience\":{\"userIds\":[]},\"type\":\"messageAdded\",\"chatId\":\"" + chat + "\"}"),
                nobody));
    }

    @Test
    void whereverTheFieldsAndFormsAreTheGlanceAgreesWithTheDecoder() {
        Random random = new Random(14);
        for (int round = 0; round < 2000; round++) {
            List<String> listed = users(random, random.nextInt(5));
            List<String> packed = users(random, random.nextInt(40));
            Set<String> here = Set.copyOf(users(random, 3));
            ObjectNode tree = codec.mapper().valueToTree(envelope(Audience.of(listed)));
            ObjectNode audience = (ObjectNode) tree.get("audience");
            if (random.nextBoolean()) {
                audience.put("packedUserIds", PackedText.pack(packed));
            }
            if (random.nextBoolean()) {
                audience.remove("userIds");
            }
            byte[] json = bytes(shuffled(tree, random).toString());

            EnvelopeGlance.Seen seen = glance.read(json, here::contains);
            EventEnvelope decoded = codec.decode(json);

            boolean deliverable = decoded.audience().userIds().stream().anyMatch(here::contains);
            if (seen != null) {
                assertEquals(decoded.type().wireName(), seen.type());
                assertEquals(decoded.chatId().toString(), seen.chatId());
                assertTrue(seen.forSomeone() || !deliverable, "glance dropped an event for " + here + ": " + tree);
            }
        }
    }

    private EventEnvelope envelope(Audience audience) {
        UUID chat = UUID.randomUUID();
        return codec.envelope(
                EventType.CHAT_UPDATED, chat, Instant.parse("2026-12-06T00:00:00Z"), audience, Map.of("chatId", chat));
    }

    private static List<String> users(Random random, int n) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add("user-" + random.nextInt(30));
        }
        return users;
    }

    private ObjectNode shuffled(ObjectNode tree, Random random) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        Collections.shuffle(names, random);
        ObjectNode out = codec.mapper().createObjectNode();
        names.forEach(name -> out.set(name, tree.get(name)));
        return out;
    }
}
