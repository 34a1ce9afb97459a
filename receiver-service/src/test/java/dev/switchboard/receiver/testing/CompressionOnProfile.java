package dev.switchboard.receiver.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** permessage-deflate on, with a low threshold so that ordinary test events are compressed. */
public class CompressionOnProfile implements QuarkusTestProfile {

    public static final int MIN_BYTES = 64;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.socket.compression", "on", "switchboard.socket.compression-min-bytes", "" + MIN_BYTES);
    }
}
