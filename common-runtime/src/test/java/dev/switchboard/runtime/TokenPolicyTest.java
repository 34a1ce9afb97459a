package dev.switchboard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class TokenPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /** A verified token with these claims (iat in epoch seconds). */
    private static JsonWebToken token(long iat, String typ) {
        Map<String, Object> claims = typ == null ? Map.of() : Map.of("typ", typ);
        return (JsonWebToken) Proxy.newProxyInstance(
                TokenPolicyTest.class.getClassLoader(),
                new Class<?>[] {JsonWebToken.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getIssuedAtTime" -> iat;
                    case "getClaim" -> claims.get((String) args[0]);
                    default -> null;
                });
    }

    @Test
    void anAccessTokenIssuedUpToTheSkewAheadPasses() {
        assertEquals(Optional.empty(), TokenPolicy.refusal(token(NOW.getEpochSecond() + 60, null), 60, NOW));
        assertEquals(Optional.empty(), TokenPolicy.refusal(token(NOW.getEpochSecond(), "Bearer"), 60, NOW));
    }

    @Test
    void aTokenFromTheFutureOrOfAnotherKindIsRefused() {
        assertEquals(
                Optional.of("iat is in the future"),
                TokenPolicy.refusal(token(NOW.getEpochSecond() + 61, null), 60, NOW));
        assertEquals(
                Optional.of("typ is not an access token"),
                TokenPolicy.refusal(token(NOW.getEpochSecond(), "ID"), 60, NOW));
        assertEquals(
                Optional.of("typ is not an access token"),
                TokenPolicy.refusal(token(NOW.getEpochSecond(), "Refresh"), 60, NOW));
    }
}
