package dev.switchboard.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Socket.IO 4 as its own client speaks it over the WebSocket transport (Engine.IO protocol 4, Socket.IO protocol
 * 5): the server opens with {@code 0{...}}, the client connects to the main namespace with {@code 40} and is
 * welcomed by {@code 40{"sid":...}}; the server pings ({@code 2}) and the client answers ({@code 3}); an event is
 * {@code 42["name",data]}. Each connection names its rooms (its chats) in the handshake query, which the baseline
 * server ({@code loadgen/socketio/server.mjs}) joins.
 */
final class SocketIoProtocol implements ServerProtocol {

    /** The baseline server's bound on rooms per connection. */
    static final int MAX_ROOMS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServerFrame.OtherEvent OTHER_EVENT = new ServerFrame.OtherEvent();

    private final IntFunction<List<String>> roomsOf;

    /** @param roomsOf the rooms (chat ids) of the connection with this index */
    SocketIoProtocol(IntFunction<List<String>> roomsOf) {
        this.roomsOf = roomsOf;
    }

    @Override
    public WebSocketConnectOptions connectOptions(FleetConnection connection, String token) {
        List<String> rooms = roomsOf.apply(connection.index());
        if (rooms.size() > MAX_ROOMS) {
            throw new SetupException("connection " + connection.index() + " is in " + rooms.size()
                    + " chats; the Socket.IO baseline joins at most " + MAX_ROOMS + " rooms per connection");
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions();
        options.setAbsoluteURI(endpoint(connection.receiver(), rooms).toString());
        return options;
    }

    /** {@code ws://host:port} becomes Socket.IO's default path with the WebSocket transport and the rooms. */
    static URI endpoint(URI server, List<String> rooms) {
        String path = server.getPath() == null || server.getPath().isEmpty() || "/".equals(server.getPath())
                ? "/socket.io/"
                : server.getPath();
        String query =
                "EIO=4&transport=websocket&rooms=" + URLEncoder.encode(String.join(",", rooms), StandardCharsets.UTF_8);
        return URI.create(server.getScheme() + "://" + server.getRawAuthority() + path + "?" + query);
    }

    @Override
    public ServerFrame read(String text, WebSocket socket) {
        if (text.startsWith("42")) {
            return event(text);
        }
        if (text.equals("2")) {
            socket.writeTextMessage("3");
            return new ServerFrame.Other("ping");
        }
        if (text.startsWith("40")) {
            JsonNode connected = parse(text.substring(2));
            String sid = connected == null ? "" : connected.path("sid").asText("");
            return new ServerFrame.Welcome(sid, "", "socket.io", 0);
        }
        if (text.startsWith("0")) {
            socket.writeTextMessage("40");
            return new ServerFrame.Other("open");
        }
        if (text.startsWith("44")) {
            JsonNode refused = parse(text.substring(2));
            return new ServerFrame.Error(
                    "connect_error",
                    refused == null ? text : refused.path("message").asText(text));
        }
        return new ServerFrame.Other(text.length() > 2 ? text.substring(0, 2) : text);
    }

    private static ServerFrame event(String text) {
        JsonNode packet = parse(text.substring(2));
        if (packet == null || !packet.isArray()) {
            return new ServerFrame.Other("unparseable");
        }
        if (!"messageAdded".equals(packet.path(0).asText())) {
            return OTHER_EVENT;
        }
        JsonNode data = packet.path(1);
        return new ServerFrame.MessageAdded(
                data.path("chatId").asText(),
                data.path("id").asText(),
                data.path("seq").asLong(-1),
                data.path("content").isTextual() ? data.get("content").asText() : null);
    }

    private static JsonNode parse(String json) {
        if (json.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void welcomed(WebSocket socket) {
        // joining is done by the server, from the handshake's rooms
    }

    @Override
    public String heartbeatFrame() {
        return null;
    }
}
