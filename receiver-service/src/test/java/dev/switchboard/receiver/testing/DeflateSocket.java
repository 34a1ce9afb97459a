package dev.switchboard.receiver.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client that offers permessage-deflate as browsers do (Vert.x's client; the JDK's has no extensions) and
 * inflates what it gets. Tells which extension the server accepted.
 */
public final class DeflateSocket implements AutoCloseable {

    private final WebSocketClient client;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private WebSocket socket;
    private String acceptedExtensions;

    private DeflateSocket(WebSocketClient client) {
        this.client = client;
    }

    /** Offers the extension as browsers do: no context-takeover parameters. */
    public static DeflateSocket connect(Vertx vertx, URI ws, String token) {
        return connect(vertx, ws, token, false);
    }

    /** @param noContext also offer client_no_context_takeover and ask for server_no_context_takeover */
    public static DeflateSocket connect(Vertx vertx, URI ws, String token, boolean noContext) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setTryUsePerMessageCompression(true)
                .setCompressionAllowClientNoContext(noContext)
                .setCompressionRequestServerNoContext(noContext)
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(ws.getHost())
                .setPort(ws.getPort())
                .setURI(ws.getPath())
                .addHeader("Authorization", "Bearer " + token);
        DeflateSocket connected = new DeflateSocket(client);
        try {
            // In the completion itself, which must run on the client's context: Vert.x drops the handshake headers
            // right after completing the connect, and the welcome frame may come in the same read as the 101.
            CompletableFuture<WebSocket> opened = new CompletableFuture<>();
            vertx.getOrCreateContext()
                    .runOnContext(ignored -> client.connect(options)
                            .onSuccess(socket -> {
                                connected.acceptedExtensions = socket.headers().get("Sec-WebSocket-Extensions");
                                socket.textMessageHandler(connected.frames::add);
                                opened.complete(socket);
                            })
                            .onFailure(opened::completeExceptionally));
            connected.socket = opened.get(10, TimeUnit.SECONDS);
            return connected;
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("cannot connect to " + ws, e);
        }
    }

    /** The Sec-WebSocket-Extensions the server answered with; null when it accepted none. */
    public String acceptedExtensions() {
        return acceptedExtensions;
    }

    /** The next text message, inflated; fails after 10 s. */
    public String next() {
        try {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void send(String text) {
        socket.writeTextMessage(text);
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
