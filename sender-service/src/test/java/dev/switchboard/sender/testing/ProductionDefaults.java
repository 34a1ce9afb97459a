package dev.switchboard.sender.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The switches that are off outside the local stack: dev tokens and the admin API. One application for both tests. */
public class ProductionDefaults implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.dev-tokens.enabled", "false", "switchboard.admin.enabled", "false");
    }
}
