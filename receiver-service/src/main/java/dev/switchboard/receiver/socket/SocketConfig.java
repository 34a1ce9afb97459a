package dev.switchboard.receiver.socket;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "switchboard.socket")
public interface SocketConfig {

    /**
     * Server ping period, announced to clients in the welcome frame. The pings themselves come from websockets-next,
     * whose {@code auto-ping-interval} is set from this key ({@link HeartbeatMonitor} refuses to start otherwise).
     */
    int heartbeatSeconds();

    /**
     * A connection from which nothing (no frame, no pong) arrived for this long is closed: with a ping every
     * {@link #heartbeatSeconds()}, a healthy client answers long before; one that does not has gone away without a
     * close (lost network, suspended laptop) or stopped reading.
     */
    Duration idleTimeout();

    /** Largest text frame a client may send; the WebSocket limits of the server are set from it. */
    int maxMessageBytes();

    /**
     * How long a server-initiated close (shutdown, idle, slow consumer) waits for the close handshake before the TCP
     * connection is cut; shutdown waits as long for all of them together.
     */
    Duration closeTimeout();
}
