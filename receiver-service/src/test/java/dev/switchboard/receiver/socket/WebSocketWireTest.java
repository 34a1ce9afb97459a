package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prepared frames are the bytes Netty's own server-side encoder writes for the same payload. */
class WebSocketWireTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 1000, 65_535, 65_536, 70_000})
    void aPlainFrameIsWhatNettyWrites(int length) {
        byte[] payload = payload(length);
        assertArrayEquals(netty(payload, 0), WebSocketWire.TEXT.encode(payload));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 65_536})
    void aCompressedFrameCarriesRsv1(int length) {
        byte[] payload = payload(length);
        byte[] frame = WebSocketWire.frame(WebSocketWire.FINAL_TEXT | WebSocketWire.RSV1, payload);
        assertArrayEquals(netty(payload, WebSocketExtension.RSV1), frame);
        assertEquals((byte) 0xC1, frame[0]);
    }

    private static byte[] payload(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        if (length > 0) {
            payload[length - 1] = '!';
        }
        return payload;
    }

    /** What WebSocket13FrameEncoder (server side: no mask) writes, all outbound buffers joined. */
    private static byte[] netty(byte[] payload, int rsv) {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        channel.writeOutbound(new TextWebSocketFrame(true, rsv, Unpooled.wrappedBuffer(payload)));
        ByteBuf joined = Unpooled.buffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            joined.writeBytes(part);
            part.release();
        }
        channel.finishAndReleaseAll();
        return ByteBufUtil.getBytes(joined);
    }
}
