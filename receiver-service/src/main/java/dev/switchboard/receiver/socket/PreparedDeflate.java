package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.EncodedFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * permessage-deflate (RFC 7692) done once per frame instead of once per connection: a frame's payload is compressed
 * on its own (a fresh dictionary: it refers to no earlier message), so the same bytes are a valid compressed message
 * for every connection that negotiated the extension, whether or not it keeps a context between messages. What
 * gorilla/websocket's PreparedMessage and Centrifugo do. Netty's own encoder, which would compress every frame again
 * for every connection and keep a compressor (~256 KiB of zlib state) per connection, is taken out of the pipeline
 * ({@link ChatSocket}); frames below {@code switchboard.socket.compression-min-bytes} go uncompressed, which the
 * extension allows.
 */
@Singleton
public class PreparedDeflate implements EncodedFrame.WireForm {

    static final String COMPRESSED = "switchboard.receiver.frames.compressed";
    /** The empty stored block a sync flush ends with; RFC 7692 7.2.1 says to leave it off. */
    private static final int TAIL = 4;

    private final int level;
    private final int minBytes;
    private final Counter compressed;
    /** One compressor per thread that routes events (a Deflater is not thread-safe and costly to create). */
    private final ThreadLocal<Deflater> deflaters;

    public PreparedDeflate(SocketConfig config, MeterRegistry registry) {
        this.level = config.compressionLevel();
        this.minBytes = config.compressionMinBytes();
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(level, true));
        this.compressed = Counter.builder(COMPRESSED)
                .description("Frames compressed for permessage-deflate (once per frame, whatever the recipients)")
                .register(registry);
    }

    /** Whether a frame of this size is sent compressed. */
    boolean worthCompressing(EncodedFrame frame) {
        return frame.length() >= minBytes;
    }

    @Override
    public boolean compresses() {
        return true;
    }

    /** The compressed frame, header (with RSV1) included, as every connection that negotiated the extension gets it. */
    @Override
    public byte[] encode(byte[] utf8) {
        return WebSocketWire.frame(WebSocketWire.FINAL_TEXT | WebSocketWire.RSV1, compress(utf8));
    }

    /** The payload alone, compressed as one message with a fresh dictionary. */
    byte[] compress(byte[] utf8) {
        Deflater deflater = deflaters.get();
        deflater.reset();
        deflater.setInput(utf8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, utf8.length / 2));
        byte[] chunk = new byte[Math.min(64 * 1024, Math.max(256, utf8.length))];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] flushed = out.toByteArray();
        compressed.increment();
        byte[] message = new byte[flushed.length - TAIL];
        System.arraycopy(flushed, 0, message, 0, message.length);
        return message;
    }
}
