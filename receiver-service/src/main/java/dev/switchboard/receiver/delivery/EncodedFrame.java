package dev.switchboard.receiver.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One server-to-client text frame, already serialised to UTF-8. An event's frame is encoded once and this one
 * object goes to every recipient: no recipient re-encodes or copies it (the transport still copies it into its
 * socket buffer once per connection, which no sharing can avoid). The same holds for the frame as the transport
 * writes it, WebSocket header included, plain or compressed for permessage-deflate: each form is made once, by the
 * first connection that needs it, and shared ({@link #onTheWire}).
 */
public final class EncodedFrame {

    private final byte[] utf8;
    private final Memo plain = new Memo();
    private final Memo compressed = new Memo();

    private EncodedFrame(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** How the socket layer puts a payload on the wire (its framing, and whether it compresses). */
    public interface WireForm {
        /** Whether this form compresses: a frame keeps one plain and one compressed form. */
        boolean compresses();

        /** The whole frame as written to the connection: header and (possibly compressed) payload. */
        byte[] encode(byte[] utf8);
    }

    /**
     * The frame in {@code form}, made once for this frame however many connections ask: the first caller encodes,
     * the rest get the same bytes. Callers must always pass the same form for each value of
     * {@link WireForm#compresses()}.
     */
    public byte[] onTheWire(WireForm form) {
        return (form.compresses() ? compressed : plain).get(form, utf8);
    }

    /** One lazily made form, shared by every connection. */
    private static final class Memo {
        private volatile byte[] value;

        byte[] get(WireForm form, byte[] utf8) {
            byte[] done = value;
            if (done == null) {
                synchronized (this) {
                    done = value;
                    if (done == null) {
                        done = form.encode(utf8);
                        value = done;
                    }
                }
            }
            return done;
        }
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
