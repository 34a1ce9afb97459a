package dev.switchboard.receiver.socket;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "switchboard.socket")
public interface SocketConfig {

    /** Announced to clients in the welcome frame. */
    int heartbeatSeconds();

    /** Largest text frame a client may send; the WebSocket limits of the server are set from it. */
    int maxMessageBytes();

    /** How long shutdown waits for the 1001 close handshakes before it goes on anyway. */
    Duration closeTimeout();
}
