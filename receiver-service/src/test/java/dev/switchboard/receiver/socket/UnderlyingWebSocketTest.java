package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fails as soon as a Quarkus or Vert.x upgrade takes away the internals {@link UnderlyingWebSocket} relies on
 * (its use on live connections is covered by every socket test).
 */
class UnderlyingWebSocketTest {

    @Test
    void websocketsNextStillHasThePackagePrivateSocketAccessor() {
        assertDoesNotThrow(UnderlyingWebSocket::new, "websockets-next changed: adapt UnderlyingWebSocket");
    }

    @Test
    void aTextFrameCarriesTheBytesAsTheyAre() {
        byte[] utf8 = "{\"type\":\"event\",\"x\":\"ü\"}".getBytes(StandardCharsets.UTF_8);

        WebSocketFrame frame = UnderlyingWebSocket.textFrame(Unpooled.wrappedBuffer(utf8));

        assertTrue(frame.isText());
        assertTrue(frame.isFinal());
        assertEquals("{\"type\":\"event\",\"x\":\"ü\"}", frame.textData());
    }
}
