package dev.switchboard.loadgen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * An in-process stand-in for a Switchboard deployment, just enough of the contract for the generator: dev
 * tokens, chat creation, message sends that fan {@code messageAdded} (and a counted-only event) out to every
 * member connection, {@code /ws} with a welcome, and a {@code /q/metrics} heap figure. Faults can be injected per
 * (user, seq).
 */
public final class FakeSwitchboard implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Chat(String id, List<String> members, long[] seq) {}

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final Map<String, List<ServerWebSocket>> sockets = new ConcurrentHashMap<>();
    private final Map<String, Chat> chats = new ConcurrentHashMap<>();
    public volatile BiPredicate<String, Long> drop = (user, seq) -> false;
    public volatile BiPredicate<String, Long> duplicate = (user, seq) -> false;

    public FakeSwitchboard() throws Exception {
        server = vertx.createHttpServer()
                .webSocketHandler(this::onSocket)
                .requestHandler(this::onRequest)
                .listen(0)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code tok-<user>} from the dev endpoint, or a JWT whose {@code sub} is read without checking it. */
    private static String user(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String token = authorization.substring("Bearer ".length());
        if (token.startsWith("tok-")) {
            return token.substring(4);
        }
        try {
            String[] parts = token.split("\\.");
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]))
                    .get("sub")
                    .asText();
        } catch (Exception e) {
            return null;
        }
    }

    private void onSocket(ServerWebSocket socket) {
        String user = user(socket.headers().get("Authorization"));
        if (!"/ws".equals(socket.path()) || user == null) {
            socket.reject(401);
            return;
        }
        String connectionId = UUID.randomUUID().toString();
        socket.writeTextMessage("{\"type\":\"welcome\",\"connectionId\":\"" + connectionId + "\",\"userId\":\"" + user
                + "\",\"receiverId\":\"fake\",\"heartbeatSeconds\":30}");
        sockets.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(socket);
        socket.closeHandler(v -> sockets.get(user).remove(socket));
        socket.textMessageHandler(text -> socket.writeTextMessage("{\"type\":\"pong\"}"));
    }

    private void onRequest(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            try {
                String path = request.path();
                if (path.equals("/q/metrics")) {
                    // Heap grows by 10 kB per open connection, so the idle report has something to divide.
                    long connections =
                            sockets.values().stream().mapToLong(List::size).sum();
                    request.response()
                            .end("# TYPE jvm_memory_used_bytes gauge\n"
                                    + "jvm_memory_used_bytes{area=\"heap\",id=\"eden\"} "
                                    + (50_000_000 + connections * 10_000)
                                    + "\njvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.0E7\n");
                    return;
                }
                if (path.equals("/api/v1/dev/tokens")) {
                    String user = JSON.readTree(body.getBytes()).get("userId").asText();
                    request.response().end("{\"token\":\"tok-" + user + "\"}");
                    return;
                }
                String user = user(request.getHeader("Authorization"));
                if (user == null) {
                    request.response().setStatusCode(401).end();
                } else if (path.equals("/api/v1/chats")) {
                    createChat(request, user, JSON.readTree(body.getBytes()));
                } else if (path.startsWith("/api/v1/chats/") && path.endsWith("/messages")) {
                    String chatId = path.substring("/api/v1/chats/".length(), path.length() - "/messages".length());
                    send(request, user, chats.get(chatId), JSON.readTree(body.getBytes()));
                } else {
                    request.response().setStatusCode(404).end();
                }
            } catch (Exception e) {
                request.response().setStatusCode(500).end(e.toString());
            }
        });
    }

    private void createChat(HttpServerRequest request, String creator, JsonNode body) {
        List<String> members = new ArrayList<>(List.of(creator));
        body.get("memberIds").forEach(m -> members.add(m.asText()));
        Chat chat = new Chat(UUID.randomUUID().toString(), members, new long[1]);
        chats.put(chat.id(), chat);
        request.response()
                .setStatusCode(201)
                .end("{\"id\":\"" + chat.id() + "\",\"memberIds\":" + JSON.valueToTree(members) + ",\"createdBy\":\""
                        + creator + "\",\"lastSeq\":0}");
    }

    private void send(HttpServerRequest request, String author, Chat chat, JsonNode body) {
        if (chat == null || !chat.members().contains(author)) {
            request.response().setStatusCode(404).end();
            return;
        }
        ObjectNode message = JSON.createObjectNode();
        synchronized (chat) { // one seq order, and frames written in that order
            long seq = ++chat.seq()[0];
            message.put("id", UUID.randomUUID().toString())
                    .put("chatId", chat.id())
                    .put("seq", seq)
                    .put("senderId", author)
                    .put("content", body.get("content").asText())
                    .put("contentType", "text")
                    .put("clientMessageId", body.get("clientMessageId").asText());
            String added = "{\"type\":\"event\",\"event\":\"messageAdded\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"chatId\":\"" + chat.id() + "\",\"data\":" + message + "}";
            String other = "{\"type\":\"event\",\"event\":\"messageUpdateForChatList\",\"chatId\":\"" + chat.id()
                    + "\",\"data\":{\"lastMessage\":" + message + "}}";
            for (String member : chat.members()) {
                for (ServerWebSocket socket : sockets.getOrDefault(member, List.of())) {
                    if (!drop.test(member, seq)) {
                        socket.writeTextMessage(added);
                    }
                    if (duplicate.test(member, seq)) {
                        socket.writeTextMessage(added);
                    }
                    socket.writeTextMessage(other);
                }
            }
        }
        request.response()
                .setStatusCode(201)
                .putHeader("Content-Type", "application/json")
                .end(message.toString().getBytes(StandardCharsets.UTF_8).length == 0 ? "" : message.toString());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
