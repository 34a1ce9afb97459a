package dev.switchboard.it.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection of one user, recording every frame with its arrival time. Frames are parsed when they
 * arrive so tests can wait for conditions on them.
 */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    /** A frame and the {@link System#nanoTime()} at which it arrived. */
    public record Frame(JsonNode json, long arrivedAtNanos) {

        /** Wall-clock time at the start of this JVM's nano clock, to compare arrivals with server timestamps. */
        private static final long EPOCH_OF_NANO_ZERO = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

        /** When it arrived, in epoch milliseconds (the services run on this machine's clock). */
        public long arrivedAtEpochMillis() {
            return (arrivedAtNanos + EPOCH_OF_NANO_ZERO) / 1_000_000L;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String userId;
    private final String receiverName;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile Integer closeCode;

    private SocketClient(String userId, ServiceProcess receiver, String token) {
        this.userId = userId;
        this.receiverName = receiver.name();
        try {
            this.socket = HTTP.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(receiver.webSocketUrl()), this)
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect " + userId + " to " + receiver.name(), e);
        }
    }

    /** Connects and waits for the welcome frame. */
    public static SocketClient connect(String userId, ServiceProcess receiver, String token) {
        SocketClient client = new SocketClient(userId, receiver, token);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.welcome() != null);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long at = System.nanoTime();
        synchronized (partial) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(new Frame(ApiClient.JSON.readTree(partial.toString()), at));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    partial.setLength(0);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (closeCode == null) {
            closeCode = -1;
        }
    }

    /** The close code the server sent, -1 when the connection broke without one, null while open. */
    public Integer closeCode() {
        return closeCode;
    }

    /** Frames of a given type ({@code resync}, {@code pong}, ...). */
    public long count(String type) {
        return frames.stream()
                .filter(f -> type.equals(f.json().path("type").asText()))
                .count();
    }

    public String userId() {
        return userId;
    }

    public String receiverName() {
        return receiverName;
    }

    public JsonNode welcome() {
        return frames.stream()
                .map(Frame::json)
                .filter(f -> "welcome".equals(f.path("type").asText()))
                .findFirst()
                .orElse(null);
    }

    public String connectionId() {
        return welcome().path("connectionId").asText();
    }

    /** Every event frame of the given event name, in arrival order. */
    public List<Frame> events(String eventName) {
        List<Frame> result = new ArrayList<>();
        for (Frame frame : frames) {
            if ("event".equals(frame.json().path("type").asText())
                    && eventName.equals(frame.json().path("event").asText())) {
                result.add(frame);
            }
        }
        return result;
    }

    /** Every frame so far, in arrival order. */
    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Event frames of any name. */
    public List<Frame> allEvents() {
        return frames.stream()
                .filter(f -> "event".equals(f.json().path("type").asText()))
                .toList();
    }

    /** messageAdded events of one chat, as the data (Message) objects, in arrival order. */
    public List<JsonNode> messagesOf(String chatId) {
        return events("messageAdded").stream()
                .map(f -> f.json().path("data"))
                .filter(m -> chatId.equals(m.path("chatId").asText()))
                .toList();
    }

    public void send(ObjectNode frame) {
        socket.sendText(frame.toString(), true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    @Override
    public String toString() {
        return userId + "@" + receiverName;
    }
}
