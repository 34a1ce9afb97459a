package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The template must write exactly what Jackson writes, byte for byte, whatever the user id and count. */
class UnreadCountTemplateTest {

    private static final List<String> USER_IDS = List.of(
            "bob",
            "a",
            "alice.smith_2@example-corp.com",
            "x".repeat(64),
            "",
            "quote\"inside",
            "back\\slash",
            "slash/is/not/escaped",
            "tab\there",
            "new\nline",
            "cr\rlf",
            "\u0000nul",
            "\u001funit-separator",
            "\u007fdel",
            "ünïcödé",
            "日本語",
            "emoji😀",
            "lone\ud800surrogate",
            "<script>&amp;'",
            " spaces ");
    private static final List<Long> COUNTS = List.of(0L, 1L, 3L, 42L, 999_999L, -1L, Long.MAX_VALUE, Long.MIN_VALUE);

    private final EventCodec codec = new EventCodec();
    private final ClientFrameEncoder encoder = new ClientFrameEncoder(codec);

    @Test
    void everyUserAndCountIsByteIdenticalToJackson() {
        EventEnvelope event = codec.decode(GoldenEvents.json(EventType.UNREAD_COUNT_UPDATED));
        assertIdenticalToJackson(event, event.chatId());
    }

    @Test
    void eventsWithoutAChatIdOrWithADifferentDataChatIdAreIdenticalToo() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(GoldenEvents.json(EventType.UNREAD_COUNT_UPDATED));
        json.remove("chatId");
        EventEnvelope withoutChatId = codec.decode(json.toString());

        assertIdenticalToJackson(withoutChatId, UUID.randomUUID());
    }

    @Test
    void aFrameThatNoLongerEndsWithUserIdAndCountIsRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> UnreadCountTemplate.of(
                        "{\"type\":\"event\",\"data\":{\"unreadCount\":0,\"userId\":\"\"}}", codec));
    }

    private void assertIdenticalToJackson(EventEnvelope event, UUID chatId) {
        UnreadCountTemplate template = encoder.unreadCounts(event, chatId);
        for (String userId : USER_IDS) {
            for (long count : COUNTS) {
                byte[] jackson =
                        encoder.unreadCountText(event, chatId, userId, count).getBytes(StandardCharsets.UTF_8);
                byte[] templated =
                        ByteBufUtil.getBytes(template.frameFor(userId, count).payload());
                assertArrayEquals(
                        jackson,
                        templated,
                        () -> "user " + escape(userId) + ", count " + count + ": "
                                + new String(templated, StandardCharsets.UTF_8));
            }
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars()
                .forEach(
                        c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
