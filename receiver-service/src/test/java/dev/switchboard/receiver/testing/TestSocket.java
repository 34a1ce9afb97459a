package dev.switchboard.receiver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real WebSocket client (java.net.http) that queues the JSON frames it receives. */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket socket;
    private JsonNode welcome;

    private TestSocket() {}

    /** Connects with the token in the Authorization header and reads the welcome frame. */
    public static TestSocket connect(URI ws, String token) {
        return open(ws, token, true);
    }

    /** Connects with the token in the access_token query parameter and reads the welcome frame. */
    public static TestSocket connectWithQueryToken(URI ws, String token) {
        return open(URI.create(ws + "?access_token=" + token), null, true);
    }

    /** The HTTP status the upgrade was refused with, or 101 when it was accepted. */
    public static int upgradeStatus(URI ws, String authorization) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            WebSocket opened = builder.buildAsync(ws, new TestSocket()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            opened.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestSocket open(URI uri, String token, boolean readWelcome) {
        TestSocket client = new TestSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            client.socket = builder.buildAsync(uri, client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
        if (readWelcome) {
            client.welcome = client.next();
            assertEquals("welcome", client.welcome.path("type").asText(), client.welcome.toString());
        }
        return client;
    }

    public JsonNode welcome() {
        return welcome;
    }

    public String connectionId() {
        return welcome.get("connectionId").asText();
    }

    /** The next frame; fails the test if none arrives within {@link #WAIT}. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(frame, "no frame within " + WAIT);
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame that is not a resync (a resync may come at any time after a subscription change). */
    public JsonNode nextIgnoringResync() {
        JsonNode frame = next();
        while ("resync".equals(frame.path("type").asText())) {
            frame = next();
        }
        return frame;
    }

    /** The next frame, or null when none comes within a second (the server stopped sending, or closed). */
    public JsonNode nextOrNull() {
        try {
            return frames.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean hasNoFrames() {
        return frames.isEmpty();
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The close code the server sent; fails the test if it does not close within {@link #WAIT}. */
    public int awaitCloseCode() {
        try {
            return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("server did not close the socket", e);
        }
    }

    public boolean isOpen() {
        return !closeCode.isDone() && !socket.isInputClosed();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                frames.add(JSON.getNodeFactory().textNode("NOT JSON: " + partial));
            }
            partial.setLength(0);
        }
        return null;
    }

    /** Server pings received; java.net.http answers each with a pong by itself. */
    public int pings() {
        return pings.get();
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
