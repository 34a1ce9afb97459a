package dev.switchboard.loadgen;

import io.vertx.core.http.WebSocket;
import java.net.URI;

/** One simulated user's WebSocket connection. */
public final class FleetConnection {

    private final int index;
    private final String userId;
    private final URI receiver;
    private volatile WebSocket socket;
    private volatile ServerFrame.Welcome welcome;

    FleetConnection(int index, String userId, URI receiver) {
        this.index = index;
        this.userId = userId;
        this.receiver = receiver;
    }

    void welcomed(WebSocket socket, ServerFrame.Welcome welcome) {
        this.socket = socket;
        this.welcome = welcome;
    }

    public int index() {
        return index;
    }

    public String userId() {
        return userId;
    }

    public URI receiver() {
        return receiver;
    }

    /** The receiver's id for this connection (from {@code welcome}), or null before it. */
    public String connectionId() {
        ServerFrame.Welcome w = welcome;
        return w == null ? null : w.connectionId();
    }

    public int heartbeatSeconds() {
        ServerFrame.Welcome w = welcome;
        return w == null ? 30 : Math.max(1, w.heartbeatSeconds());
    }

    WebSocket socket() {
        return socket;
    }

    public boolean isOpen() {
        WebSocket s = socket;
        return s != null && !s.isClosed();
    }
}
