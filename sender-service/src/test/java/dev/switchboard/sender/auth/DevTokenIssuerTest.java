package dev.switchboard.sender.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.runtime.testing.ConfigMappings;
import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevTokenIssuerTest {

    private static final String DEV_KEY = "../dev-keys/DEV-ONLY-jwt-signing-key.pem";

    @Test
    void switchedOnWithoutASigningKeyTheServiceRefusesToStart() {
        DevTokenIssuer issuer = issuer(true, Optional.empty());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> issuer.loadKey(null));
        assertTrue(e.getMessage().contains("signing-key-location"), e.getMessage());
    }

    @Test
    void anUnreadableSigningKeyStopsTheStartToo() {
        assertThrows(
                IllegalStateException.class,
                () -> issuer(true, Optional.of("/nonexistent/key.pem")).loadKey(null));
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

        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> issuer.issue(new DevTokenRequest("bad id", 0L, null)));
        assertEquals(
                List.of("userId", "ttlSeconds"),
                e.errors().stream().map(FieldError::field).toList());
        assertThrows(InvalidRequestException.class, () -> issuer.issue(null));
        assertThrows(InvalidRequestException.class, () -> issuer.issue(new DevTokenRequest("alice", 86_401L, null)));
        assertEquals(
                3, issuer.issue(new DevTokenRequest("alice", 86_400L, null)).split("\\.").length);
    }

    @Test
    void groupsBecomeTheGroupsClaimAndBadOnesAreNamed() throws Exception {
        DevTokenIssuer issuer = issuer(true, Optional.of(DEV_KEY));
        issuer.loadKey(null);

        String token = issuer.issue(new DevTokenRequest("ops", 60L, List.of("switchboard-admin")));
        String claims = new String(
                java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(
                List.of("switchboard-admin"),
                List.of(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(claims)
                        .path("groups")
                        .get(0)
                        .asText()));
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> issuer.issue(new DevTokenRequest("ops", 60L, java.util.Arrays.asList("ok", "no spaces", null))));
        assertEquals(
                List.of("groups[1]", "groups[2]"),
                e.errors().stream().map(FieldError::field).toList());
        assertFalse(new String(java.util.Base64.getUrlDecoder()
                        .decode(issuer.issue(new DevTokenRequest("ops", 60L, null))
                                .split("\\.")[1]))
                .contains("groups"));
    }

    private static DevTokenIssuer issuer(boolean enabled, Optional<String> key) {
        Map<String, String> settings =
                new HashMap<>(Map.of("switchboard.dev-tokens.enabled", Boolean.toString(enabled)));
        key.ifPresent(location -> settings.put("switchboard.dev-tokens.signing-key-location", location));
        return new DevTokenIssuer(
                ConfigMappings.read(DevTokensConfig.class, settings),
                new JWTAuthContextInfo((java.security.PublicKey) null, "switchboard-dev"),
                ConfigMappings.read(AuthConfig.class, Map.of()));
    }
}
