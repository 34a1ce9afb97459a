package dev.switchboard.sender.auth;

import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevTokenIssuerTest {

    private static final String DEV_KEY = "../dev-keys/DEV-ONLY-jwt-signing-key.pem";

    record Settings(boolean enabled, Optional<String> signingKeyLocation, Duration maxTtl, Duration defaultTtl)
            implements DevTokensConfig {
    }

    @Test
    void switchedOnWithoutASigningKeyTheServiceRefusesToStart() {
        DevTokenIssuer issuer = issuer(true, Optional.empty());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> issuer.loadKey(null));
        assertTrue(e.getMessage().contains("signing-key-location"), e.getMessage());
    }

    @Test
    void anUnreadableSigningKeyStopsTheStartToo() {
        assertThrows(IllegalStateException.class, () -> issuer(true, Optional.of("/nonexistent/key.pem")).loadKey(null));
    }

    @Test
    void switchedOffItNeedsNoKey() {
        DevTokenIssuer issuer = issuer(false, Optional.empty());
        issuer.loadKey(null);

        assertFalse(issuer.enabled());
    }

    @Test
    void userIdAndLifetimeAreValidatedTogether() {
        DevTokenIssuer issuer = issuer(true, Optional.of(DEV_KEY));
        issuer.loadKey(null);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> issuer.issue(new DevTokenRequest("bad id", 0L)));
        assertEquals(List.of("userId", "ttlSeconds"), e.errors().stream().map(FieldError::field).toList());
        assertThrows(InvalidRequestException.class, () -> issuer.issue(null));
        assertThrows(InvalidRequestException.class, () -> issuer.issue(new DevTokenRequest("alice", 86_401L)));
        assertEquals(3, issuer.issue(new DevTokenRequest("alice", 86_400L)).split("\\.").length);
    }

    private static DevTokenIssuer issuer(boolean enabled, Optional<String> key) {
        return new DevTokenIssuer(new Settings(enabled, key, Duration.ofHours(24), Duration.ofHours(1)),
                Optional.of("switchboard-dev"));
    }
}
