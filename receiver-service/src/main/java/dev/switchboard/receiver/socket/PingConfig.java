package dev.switchboard.receiver.socket;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The one websockets-next key the receiver checks: the server's ping period, which application.properties derives
 * from {@code switchboard.socket.heartbeat-seconds} and which must stay equal to it ({@link HeartbeatMonitor}).
 */
@ConfigMapping(prefix = "quarkus.websockets-next.server")
public interface PingConfig {

    Optional<Duration> autoPingInterval();
}
