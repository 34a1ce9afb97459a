package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.DeliveryMetrics;
import dev.switchboard.receiver.delivery.EncodedFrame;
import dev.switchboard.receiver.delivery.Recipient;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.WriteBufferWaterMark;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A websockets-next connection as a delivery {@link Recipient}, and the one write path of every frame the server
 * sends it: events ({@link #send}) and the answers to its own frames ({@link #reply}) alike. Frames are written
 * as prepared bytes straight to the TCP channel under the connection (see {@link #write}; the Vert.x socket,
 * reached through {@link UnderlyingWebSocket}, only without a channel), on the connection's own event loop (the
 * EventLoopHandOff calls {@link #send} there), fire-and-forget: the routing thread never waits on a client.
 * {@link #pending} counts frames whose write has not completed, that is, not yet taken by the operating system's
 * socket buffer, and Netty counts their bytes against the channel's write-buffer high-water mark: both grow
 * only while the client does not read. Beyond {@code max-pending-frames} frames or {@code max-pending-bytes} bytes
 * the connection is closed as a slow consumer (1013), which bounds what one client can make this instance hold.
 * <p>
 * Every server-initiated close ends the TCP connection within the close timeout: a close frame queues behind the
 * unwritten frames, so a client that does not read would never get it, and Vert.x only starts its own closing
 * timeout once the close frame is written.
 */
final class WebSocketRecipient implements Recipient, Handler<AsyncResult<Void>> {

    private static final Logger LOG = Logger.getLogger(WebSocketRecipient.class);

    private final WebSocketConnection connection;
    private final ServerWebSocket socket;
    private final String userId;
    private final HttpConnection transport;
    private final Executor eventLoop;
    /** The TCP channel; Netty counts its unwritten bytes against the write-buffer high-water mark set below. */
    private final Channel channel;

    private final Settings settings;
    private final AtomicInteger pending = new AtomicInteger();
    private final Handler<AsyncResult<Void>> replyWritten = written -> pending.decrementAndGet();
    /** The completion of an event frame written to the channel itself (see {@link #write}). */
    private final ChannelFutureListener eventWrittenToChannel = this::eventFrameWritten;

    private final ChannelFutureListener replyWrittenToChannel = future -> pending.decrementAndGet();
    /** Set when the connection negotiated permessage-deflate and compression is on; null: frames go as they are. */
    private volatile PreparedDeflate deflate;
    /** Set once, when the server decides to close; null while open or when the client closed first. */
    private final AtomicReference<CloseCause> closing = new AtomicReference<>();

    private volatile boolean closed;
    private volatile long lastHeardNanos = System.nanoTime();
    /** When the connection's token expires (epoch ms); moved on by an in-band auth frame. */
    private volatile long tokenExpiresAtMillis = Long.MAX_VALUE;

    /** What every recipient of this instance shares. */
    record Settings(
            int maxPendingFrames,
            int maxPendingBytes,
            Duration closeTimeout,
            Vertx vertx,
            SocketMetrics socketMetrics,
            DeliveryMetrics deliveryMetrics) {}

    /**
     * @param socket    the Vert.x socket under the connection, where event frames are written
     * @param transport the HTTP connection the socket was upgraded from, to cut it hard; may be null (frames are
     *                  then written from whichever thread routes them, and Vert.x moves them to the loop itself)
     */
    WebSocketRecipient(
            WebSocketConnection connection,
            ServerWebSocket socket,
            String userId,
            HttpConnection transport,
            Settings settings) {
        this.connection = connection;
        this.socket = socket;
        this.userId = userId;
        this.transport = transport;
        this.channel = transport instanceof ConnectionBase base ? base.channel() : null;
        this.eventLoop = channel == null ? null : channel.eventLoop();
        this.settings = settings;
        if (channel != null) {
            // Unwritable once more than max-pending-bytes wait to be written; every frame of this connection counts.
            channel.config()
                    .setWriteBufferWaterMark(
                            new WriteBufferWaterMark(settings.maxPendingBytes() / 2, settings.maxPendingBytes()));
        }
    }

    @Override
    public String connectionId() {
        return connection.id();
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Executor eventLoop() {
        return eventLoop;
    }

    @Override
    public void send(EncodedFrame frame) {
        write(frame, this, eventWrittenToChannel);
    }

    /**
     * An answer to the client's own frame (welcome, pong, subscribed, error): the same queue and bounds as events,
     * but not counted as a delivered frame.
     */
    void reply(EncodedFrame frame) {
        write(frame, replyWritten, replyWrittenToChannel);
    }

    /**
     * The connection negotiated permessage-deflate: from now on frames of at least the compression threshold go
     * compressed, with the bytes {@code deflate} made once per frame for every connection. Requires the channel
     * (compressed frames carry RSV1, which Vert.x's frames cannot set); without it nothing changes.
     */
    void compressWith(PreparedDeflate deflate) {
        if (channel != null) {
            this.deflate = deflate;
        }
    }

    /**
     * With the channel (always, in production), the frame's bytes on the wire, made once per event and form and
     * shared by every connection, are written to it as they are: past Vert.x's frame object and Netty's WebSocket
     * encoder, which would build the same header again for every connection. Without it, through the Vert.x socket.
     */
    private void write(EncodedFrame frame, Handler<AsyncResult<Void>> written, ChannelFutureListener writtenToChannel) {
        // The socket's own flag too: once the client's close frame is in, nothing may follow the echoed close.
        if (closing.get() != null || closed || socket.isClosed()) {
            return;
        }
        if (pending.incrementAndGet() > settings.maxPendingFrames() || (channel != null && !channel.isWritable())) {
            pending.decrementAndGet();
            close(CloseCause.SLOW_CONSUMER, "slow consumer");
            return;
        }
        try {
            if (channel != null) {
                PreparedDeflate compressor = deflate;
                byte[] wire = compressor != null && compressor.worthCompressing(frame)
                        ? frame.onTheWire(compressor)
                        : frame.onTheWire(WebSocketWire.TEXT);
                channel.writeAndFlush(Unpooled.wrappedBuffer(wire)).addListener(writtenToChannel);
            } else {
                socket.writeFrame(UnderlyingWebSocket.textFrame(frame.payload()))
                        .onComplete(written);
            }
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            LOG.debugf("write to connection %s failed: %s", connection.id(), e.toString());
        }
    }

    /** A frame's write completed (this object is every write's callback: nothing allocated per frame for it). */
    @Override
    public void handle(AsyncResult<Void> written) {
        pending.decrementAndGet();
        if (written.succeeded()) {
            settings.deliveryMetrics().frameWritten();
        } else {
            LOG.debugf(
                    "write to connection %s failed: %s",
                    connection.id(), written.cause().toString());
        }
    }

    private void eventFrameWritten(ChannelFuture written) {
        pending.decrementAndGet();
        if (written.isSuccess()) {
            settings.deliveryMetrics().frameWritten();
        } else {
            LOG.debugf(
                    "write to connection %s failed: %s",
                    connection.id(), written.cause().toString());
        }
    }

    /** Neither closed nor being closed by the server. */
    boolean isOpen() {
        return !closed && closing.get() == null;
    }

    /** Frames handed to the socket and not written yet. */
    int pendingFrames() {
        return pending.get();
    }

    /** The connection's token is (now) valid until then. */
    void tokenExpiresAt(Instant expiresAt) {
        tokenExpiresAtMillis = expiresAt.toEpochMilli();
    }

    long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    /** Something (a frame or a pong) arrived from the client. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }

    /** The generic close of {@link Recipient}: used by shutdown (1001). */
    @Override
    public CompletionStage<Void> close(int code, String reason) {
        return close(CloseCause.ofServerCode(code), reason);
    }

    /** Closes with the cause's code, once; completes when the close is done or has failed. */
    CompletionStage<Void> close(CloseCause cause, String reason) {
        if (closed || !closing.compareAndSet(null, cause)) {
            return CompletableFuture.completedFuture(null);
        }
        if (cause == CloseCause.SLOW_CONSUMER) {
            settings.socketMetrics().slowConsumerClosed();
            LOG.warnf(
                    "connection %s of %s is not reading (%d frames pending, at most %d frames or %d bytes allowed):"
                            + " closing it (1013)",
                    connection.id(), userId, pending.get(), settings.maxPendingFrames(), settings.maxPendingBytes());
        } else {
            LOG.debugf("closing connection %s of %s: %s", connection.id(), userId, cause.label());
        }
        settings.vertx().setTimer(settings.closeTimeout().toMillis(), id -> {
            if (!closed) {
                abort(cause);
            }
        });
        try {
            return connection.close(new CloseReason(cause.code(), reason)).subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            abort(cause);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Cuts the TCP connection without waiting for unwritten frames; the socket's close callback follows. */
    private void abort(CloseCause cause) {
        LOG.debugf(
                "connection %s of %s did not finish closing (%s) within %s: cutting it",
                connection.id(), userId, cause.label(), settings.closeTimeout());
        if (transport instanceof ConnectionBase base) {
            // From the head of the pipeline: a close passing through Vert.x's handlers becomes one more close
            // handshake (and its 10 s closing timeout). Queued frames are dropped, their writes fail, pending empties.
            base.channel().pipeline().firstContext().close();
        } else if (transport != null) {
            transport.close();
        }
    }

    /** The socket is closed (its close callback ran); tells why. */
    CloseCause closed(CloseReason clientReason) {
        closed = true;
        CloseCause cause = closing.get();
        if (cause != null) {
            return cause;
        }
        return CloseCause.ofClientCode(clientReason == null ? 0 : clientReason.getCode());
    }
}
