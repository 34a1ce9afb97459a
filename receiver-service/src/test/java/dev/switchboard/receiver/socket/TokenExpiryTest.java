package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.FastHeartbeatProfile;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A connection ends when its token expires (4001) unless the client renews it in band; a renewal must be a valid
 * token of the same user. The profile allows 1 s of clock skew, so tokens of a few seconds can be watched expiring.
 */
@QuarkusTest
@TestProfile(FastHeartbeatProfile.class)
@WithTestResource(EmbeddedRedisResource.class)
class TokenExpiryTest {

    @TestHTTPResource("/ws")
    URI http;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void aConnectionIsClosedWhenItsTokenExpiresUnlessItWasRenewed() {
        String shortLived = TestTokens.expiringIn(3, "alice");
        try (TestSocket kept = TestSocket.connect(ws(), shortLived);
                TestSocket lapsed = TestSocket.connect(ws(), shortLived)) {
            assertEquals(
                    Instant.ofEpochSecond(Instant.now().getEpochSecond() + 3).getEpochSecond(),
                    Instant.parse(kept.welcome().get("tokenExpiresAt").asText()).getEpochSecond(),
                    1,
                    "welcome says when the token expires");

            kept.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.valid("alice") + "\"}");
            JsonNode authenticated = kept.nextIgnoringResync();
            assertEquals("authenticated", authenticated.get("type").asText(), authenticated.toString());
            assertTrue(Instant.parse(authenticated.get("tokenExpiresAt").asText())
                    .isAfter(Instant.now().plusSeconds(3000)));

            assertEquals(CloseCause.TOKEN_EXPIRED.code(), lapsed.awaitCloseCode());
            // Both expired in the same sweep had the renewal not moved one on: the renewed one still answers.
            kept.send("{\"type\":\"ping\"}");
            assertEquals("pong", kept.nextIgnoringResync().get("type").asText());
            assertTrue(kept.isOpen());
        }
    }

    @Test
    void aRenewalWithAnInvalidTokenOrAnotherUsersIsRefusedAndChangesNothing() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.expiringIn(4, "alice"))) {
            for (String token : new String[] {
                TestTokens.valid("bob"),
                TestTokens.expired("alice"),
                TestTokens.forAudience("another-app", "alice"),
                TestTokens.foreignSignature("alice"),
                "not.a.jwt"
            }) {
                socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                JsonNode refused = socket.nextIgnoringResync();
                assertEquals("error", refused.get("type").asText(), refused.toString());
                assertEquals("auth_failed", refused.get("code").asText());
            }
            socket.send("{\"type\":\"auth\"}");
            assertEquals("bad_request", socket.nextIgnoringResync().get("code").asText());

            assertEquals(CloseCause.TOKEN_EXPIRED.code(), socket.awaitCloseCode(), "still the first token's expiry");
        }
    }
}
