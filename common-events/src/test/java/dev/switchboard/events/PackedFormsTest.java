package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Big audiences and counts travel packed, small ones listed; either form decodes to the same values. */
class PackedFormsTest {

    private final EventCodec codec = new EventCodec();

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("member-%06d-a1b2c3", i));
        }
        return ids;
    }

    @Test
    void anAudienceOfUpToThirtyTwoIsListedAndALargerOnePacked() {
        JsonNode small = codec.toTree(Audience.of(ids(32)));
        JsonNode big = codec.toTree(Audience.of(ids(33)));

        assertEquals(32, small.get("userIds").size());
        assertFalse(small.has("packedUserIds"));
        assertTrue(big.get("packedUserIds").isTextual());
        assertFalse(big.has("userIds"));
        assertEquals(ids(33), codec.mapper().convertValue(big, Audience.class).userIds());
    }

    @Test
    void aThousandIdsPackToAFewKilobytes() {
        Audience thousand = Audience.of(ids(1000)).excluding("conn-1");
        String json = codec.encode(thousand);

        assertTrue(json.length() < 8 * 1024, json.length() + " bytes");
        Audience back = codec.mapper().convertValue(codec.toTree(thousand), Audience.class);
        assertEquals(thousand, back);
    }

    @Test
    void countsArePackedLikeAudiencesAndReadInEitherForm() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ids(100).forEach(id -> counts.put(id, (long) id.length()));
        UUID chat = UUID.randomUUID();

        JsonNode packed = codec.toTree(new EventData.UnreadCounts(chat, counts));
        JsonNode listed = codec.toTree(new EventData.UnreadCounts(chat, Map.of("bob", 3L)));

        assertTrue(packed.has("packedCounts") && !packed.has("counts"));
        assertEquals(counts, EventData.UnreadCounts.countsOf(packed));
        assertEquals(Map.of("bob", 3L), EventData.UnreadCounts.countsOf(listed));
        assertEquals(
                counts,
                codec.mapper()
                        .convertValue(packed, EventData.UnreadCounts.class)
                        .counts());
    }

    @Test
    void anEmptyListAndAOneItemListPackAndUnpack() {
        assertEquals(List.of(), PackedText.unpack(PackedText.pack(List.of())));
        assertEquals(List.of("a"), PackedText.unpack(PackedText.pack(List.of("a"))));
    }

    @Test
    void aPackedListThatWouldInflateBeyondTheBoundIsRefused() {
        byte[] zeros = new byte[PackedText.MAX_UNPACKED_BYTES + 1];
        Deflater deflater = new Deflater();
        deflater.setInput(zeros);
        deflater.finish();
        byte[] bomb = new byte[zeros.length];
        int n = deflater.deflate(bomb);
        deflater.end();
        String packed = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bomb, n));

        assertThrows(IllegalArgumentException.class, () -> PackedText.unpack(packed));
        assertThrows(IllegalArgumentException.class, () -> PackedText.unpack("not base64 at all!"));
        assertThrows(
                EventCodec.InvalidEventException.class,
                () -> codec.decode("{\"v\":1,\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"messageAdded\","
                        + "\"chatId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-22T10:15:30.123Z\","
                        + "\"audience\":{\"packedUserIds\":\"" + packed + "\"},\"data\":{}}"));
    }

    @Test
    void aPreviewHoldsTheStartOfTextAndNothingOfOpaqueContent() {
        Instant now = Instant.parse("2026-11-22T10:15:30.123Z");
        String longText = "é".repeat(MessagePreview.MAX_CHARS + 10);
        Message text =
                new Message(UUID.randomUUID(), UUID.randomUUID(), 1, "alice", longText, "text", null, now, null, false);
        Message secret = new Message(
                UUID.randomUUID(), UUID.randomUUID(), 2, "alice", "AAEC", "ciphertext", null, now, null, false);

        MessagePreview preview = MessagePreview.of(text);
        assertEquals(
                MessagePreview.MAX_CHARS,
                preview.preview().codePointCount(0, preview.preview().length()));
        assertTrue(preview.truncated());
        assertTrue(preview.preview().getBytes(StandardCharsets.UTF_8).length <= 4 * MessagePreview.MAX_CHARS);
        assertNull(MessagePreview.of(secret).preview());
        assertFalse(MessagePreview.of(secret).truncated());
    }
}
