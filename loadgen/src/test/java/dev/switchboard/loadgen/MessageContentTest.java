package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    @Test
    void encodesRunSequenceAndIntendedTime() {
        assertEquals("lg|r1|42|-123456789", new MessageContent("r1", 42, -123_456_789L).encode());
    }

    @Test
    void decodesWhatItEncodes() {
        MessageContent message = new MessageContent("abc123", 7, 987_654_321_000L);
        assertEquals(Optional.of(message), MessageContent.decode(message.encode()));
    }

    @Test
    void paddingReachesTheMinimumLengthAndStillDecodes() {
        MessageContent message = new MessageContent("abc123", 7, 5);
        String padded = message.encode(1000);
        assertEquals(1000, padded.length());
        assertEquals(Optional.of(message), MessageContent.decode(padded));
        assertEquals(message.encode(), message.encode(3), "no padding below the natural length");
    }

    @Test
    void anythingElseIsNotOurs() {
        for (String content : new String[] {null, "", "hello", "lg|", "lg|r1", "lg|r1|x|5", "lg|r1|5|", "lg||1|2"}) {
            assertTrue(MessageContent.decode(content).isEmpty(), String.valueOf(content));
        }
    }

    @Test
    void theRunIdCannotHoldTheSeparator() {
        assertThrows(IllegalArgumentException.class, () -> new MessageContent("a|b", 1, 1));
    }

    @Test
    void encodedContentNeedsNoJsonEscaping() {
        String content = new MessageContent("Run9", Long.MAX_VALUE, Long.MIN_VALUE).encode(64);
        assertTrue(content.matches("[A-Za-z0-9|x-]+"), content);
    }
}
