package dev.switchboard.loadgen;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * What a simulated client says to the kind of server it is connected to: how it connects, how it reads frames
 * (answering the server's protocol frames itself), what it sends once welcomed, and its own heartbeat. One
 * {@link ClientFleet} serves any of them, so both kinds of server are measured by the same code.
 */
interface ServerProtocol {

    /** The upgrade request of this connection. */
    WebSocketConnectOptions connectOptions(FleetConnection connection, String token);

    /** Reads one text frame; a frame the protocol answers (a handshake step, a server ping) is answered here. */
    ServerFrame read(String text, WebSocket socket);

    /** Sent once the connection is welcomed (a subscription), or nothing. */
    void welcomed(WebSocket socket);

    /** The frame a client sends every heartbeat period, or null when the server pings instead. */
    String heartbeatFrame();
}
