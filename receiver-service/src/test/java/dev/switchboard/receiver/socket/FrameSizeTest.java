package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameSizeTest {

    @Test
    void countsUtf8BytesNotCharacters() {
        for (String unit : new String[] {"a", "\u00e9", "\u20ac", "\ud83d\ude00"}) {
            for (int repeat : new int[] {1, 100, 1000, 1001}) {
                String text = unit.repeat(repeat);
                int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                assertFalse(FrameSize.exceeds(text, bytes), unit + " x" + repeat);
                assertTrue(FrameSize.exceeds(text, bytes - 1), unit + " x" + repeat);
            }
        }
    }

    @Test
    void recognisesTheTransportsTooBigReports() {
        assertTrue(FrameSize.isTooBigFailure(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.MESSAGE_TOO_BIG, "Max frame length of 262144 has been exceeded.")));
        assertFalse(FrameSize.isTooBigFailure(
                new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, "bad")));
        assertTrue(
                FrameSize.isTooBigFailure(
                        new IllegalStateException(
                                "Cannot process text frame of size 1, it would cause message buffer (size 65536) to overflow max message size of 65536")));
        assertFalse(FrameSize.isTooBigFailure(new IllegalStateException("something else")));
    }

    @Test
    void emptyTextNeverExceeds() {
        assertEquals(false, FrameSize.exceeds("", 0));
    }
}
