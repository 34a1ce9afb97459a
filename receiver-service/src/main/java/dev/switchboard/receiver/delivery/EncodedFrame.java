package dev.switchboard.receiver.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One server-to-client text frame, already serialised to UTF-8. An event's frame is encoded once and this one
 * object goes to every recipient: no recipient re-encodes or copies it (the transport still copies it into its
 * socket buffer once per connection, which no sharing can avoid). With permessage-deflate, the same holds for the
 * compressed form: it is made once, on first use, and shared ({@link #compressed}).
 */
public final class EncodedFrame {

    private final byte[] utf8;
    /** The payload compressed, made by the first connection that needs it and shared by all the others. */
    private volatile byte[] compressed;

    private EncodedFrame(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** Compresses a frame's payload; the one implementation is the socket layer's permessage-deflate. */
    public interface Compressor {
        byte[] compress(byte[] utf8);
    }

    /**
     * The payload compressed by {@code compressor}, once for this frame however many connections ask: the first
     * caller compresses, the rest get the same bytes. Callers must always pass the same compressor.
     */
    public byte[] compressed(Compressor compressor) {
        byte[] done = compressed;
        if (done == null) {
            synchronized (this) {
                done = compressed;
                if (done == null) {
                    done = compressor.compress(utf8);
                    compressed = done;
                }
            }
        }
        return done;
    }

    /** @param utf8 the JSON text as UTF-8; kept, not copied, so the caller must not change it afterwards */
    public static EncodedFrame ofUtf8(byte[] utf8) {
        return new EncodedFrame(utf8);
    }

    public static EncodedFrame ofText(String text) {
        return new EncodedFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The bytes as a fresh Netty buffer for one write. Fresh because the transport releases what it writes:
     * a wrapper per write (no copy of the bytes) keeps one connection's write from releasing another's. Unpooled
     * heap memory, so a write that never happens leaks nothing.
     */
    public ByteBuf payload() {
        return Unpooled.wrappedBuffer(utf8);
    }

    /** Size on the wire, before the WebSocket header. */
    public int length() {
        return utf8.length;
    }

    /** The frame as text: for tests and diagnostics, never on the delivery path. */
    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EncodedFrame[" + utf8.length + " bytes]";
    }
}
