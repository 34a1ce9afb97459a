package dev.switchboard.receiver.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Heartbeat, idle timeouts (socket and HTTP connection) and token expiry (1 s of clock skew allowed, the least smallrye-jwt takes: 0 means its default of 60) short enough to watch in a test, the HTTP access log on (to show that tokens never
 * reach it) and this service's debug logs on (same reason).
 */
public class FastHeartbeatProfile implements QuarkusTestProfile {

    public static final int HEARTBEAT_SECONDS = 1;
    public static final int IDLE_TIMEOUT_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.socket.heartbeat-seconds",
                String.valueOf(HEARTBEAT_SECONDS),
                "switchboard.socket.idle-timeout",
                IDLE_TIMEOUT_SECONDS + "s",
                "quarkus.http.idle-timeout",
                IDLE_TIMEOUT_SECONDS + "s",
                "mp.jwt.verify.clock.skew",
                "1",
                "quarkus.http.access-log.enabled",
                "true",
                "quarkus.log.category.\"dev.switchboard\".level",
                "DEBUG");
    }
}
