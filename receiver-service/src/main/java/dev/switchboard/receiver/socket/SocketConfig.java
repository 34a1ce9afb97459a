package dev.switchboard.receiver.socket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** switchboard.socket.*: heartbeats, idle and close timing, and the largest client frame. */
@ConfigMapping(prefix = "switchboard.socket")
public interface SocketConfig {

    /**
     * Server ping period, announced to clients in the welcome frame. The pings themselves come from websockets-next,
     * whose {@code auto-ping-interval} is set from this key ({@link HeartbeatMonitor} refuses to start otherwise).
     */
    @WithDefault("30")
    @Min(1)
    int heartbeatSeconds();

    /**
     * A connection from which nothing (no frame, no pong) arrived for this long is closed: with a ping every
     * {@link #heartbeatSeconds()}, a healthy client answers long before; one that does not has gone away without a
     * close (lost network, suspended laptop) or stopped reading. At least two heartbeats.
     */
    @WithDefault("120s")
    Duration idleTimeout();

    /** Largest text frame a client may send; the WebSocket limits of the server are set from it. */
    @WithDefault("65536")
    @Min(1)
    int maxMessageBytes();

    /**
     * How long a server-initiated close (shutdown, idle, slow consumer) waits for the close handshake before the TCP
     * connection is cut; shutdown waits as long for all of them together.
     */
    @WithDefault("3s")
    @DurationMin(millis = 1)
    Duration closeTimeout();

    /** Frames a client may send per second, on average: ping, subscribe, auth (a token bucket per connection). */
    @WithDefault("20")
    @Min(1)
    int clientFramesPerSecond();

    /** How many frames a client may send at once above that rate. */
    @WithDefault("40")
    @Min(1)
    int clientFrameBurst();

    /**
     * Frames over the rate a client may send in a minute, each answered with a {@code rate_limited} error frame,
     * before the connection is closed (1008): the cost of a client that keeps going is bounded too.
     */
    @WithDefault("10")
    @Min(1)
    int clientFrameViolationsPerMinute();

    /** Most chat ids one {@code subscribe} frame may name; a longer list is answered with an error frame. */
    @WithDefault("500")
    @Min(1)
    int maxSubscribedChats();

    /**
     * Most open connections one user may hold on this receiver (tabs, devices). An upgrade over the cap is answered
     * HTTP 429 and no socket opens; upgrades racing past the check together are closed right after opening (4029).
     */
    @WithDefault("20")
    @Min(1)
    int maxConnectionsPerUser();

    /**
     * permessage-deflate: {@code off} (the default: a client that offers it, as every browser does, gets plain frames)
     * or {@code on}: negotiated, and each frame compressed once for all its recipients ({@link PreparedDeflate}).
     */
    @WithDefault("off")
    boolean compression();

    /** With compression on, frames shorter than this many bytes go uncompressed (compressing them saves little). */
    @WithDefault("128")
    @Min(0)
    int compressionMinBytes();

    /** With compression on, the zlib level (1 fastest to 9 smallest) of the once-per-frame compression. */
    @WithDefault("6")
    @Min(1)
    @Max(9)
    int compressionLevel();

    /** A healthy client would be closed between two pings otherwise. */
    @AssertTrue(message = "switchboard.socket.idle-timeout must be at least twice switchboard.socket.heartbeat-seconds")
    default boolean isIdleTimeoutAtLeastTwoHeartbeats() {
        return idleTimeout().compareTo(Duration.ofSeconds(heartbeatSeconds()).multipliedBy(2)) >= 0;
    }
}
