package dev.switchboard.loadgen;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;

/** The contract's WebSocket: a bearer token on the upgrade, {@code welcome} first, an optional subscription. */
final class SwitchboardProtocol implements ServerProtocol {

    /** The subscribe frame sent after each welcome; null: no filter. */
    private final String subscribe;

    /** @param events event types to subscribe to after the welcome; empty: all */
    SwitchboardProtocol(List<String> events) {
        this.subscribe = events.isEmpty() ? null : subscribeFrame(events);
    }

    static String subscribeFrame(List<String> events) {
        StringBuilder frame = new StringBuilder("{\"type\":\"subscribe\",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            frame.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(events.get(i).strip())
                    .append('"');
        }
        return frame.append("]}").toString();
    }

    @Override
    public WebSocketConnectOptions connectOptions(FleetConnection connection, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions();
        options.setAbsoluteURI(connection.receiver().toString());
        options.addHeader("Authorization", "Bearer " + token);
        return options;
    }

    @Override
    public ServerFrame read(String text, WebSocket socket) {
        return ServerFrameDecoder.decode(text);
    }

    @Override
    public void welcomed(WebSocket socket) {
        if (subscribe != null) {
            socket.writeTextMessage(subscribe);
        }
    }

    @Override
    public String heartbeatFrame() {
        return "{\"type\":\"ping\"}";
    }
}
