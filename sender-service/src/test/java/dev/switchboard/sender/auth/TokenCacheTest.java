package dev.switchboard.sender.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Metrics;
import dev.switchboard.sender.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache as the running service uses it: its counters move only if quarkus-smallrye-jwt's
 * authentication really goes through {@link CachingJwtParser}. Tests run one at a time, so counter deltas are
 * exact.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class TokenCacheTest {

    private static final String REQUESTS = "switchboard_auth_token_cache_requests_total";

    @Test
    void theSecondRequestWithTheSameTokenIsACacheHit() {
        String token = TestTokens.valid(Api.user("alice"));
        double hits = hits();
        double misses = misses();

        listChats(token).statusCode(200);
        assertEquals(misses + 1, misses(), "the first request verifies the token");
        assertEquals(hits, hits());

        listChats(token).statusCode(200);
        listChats(token).statusCode(200);
        assertEquals(hits + 2, hits(), "later requests are served from the cache");
        assertEquals(misses + 1, misses());
    }

    @Test
    void aTokenCachedWhileValidIsRejectedOnceItExpires() {
        String token = TestTokens.expiringIn(Api.user("alice"), Duration.ofSeconds(3));
        listChats(token).statusCode(200);
        double hits = hits();
        listChats(token).statusCode(200);
        assertEquals(hits + 1, hits(), "cached while valid");

        // Refused from exp + clock skew (2 s in tests) on, as the verifier would: the cache's 5 minutes of max-age
        // must not keep it alive.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> listChats(token).extract().statusCode() == 401);
        double misses = misses();
        listChats(token).statusCode(401);
        assertEquals(misses + 1, misses(), "an expired token goes to the verifier, which refuses it");
    }

    @Test
    void aForgedTokenIsRejectedEveryTimeAndNeverCached() {
        String alice = Api.user("alice");
        String genuine = TestTokens.valid(alice);
        listChats(genuine).statusCode(200);
        String[] parts = genuine.split("\\.");
        String[] bobsParts = TestTokens.valid(Api.user("bob")).split("\\.");
        // One signature character changed, and bob's claims under alice's signature.
        String badSignature = parts[0] + "." + parts[1] + "." + changeOneCharacter(parts[2]);
        String swappedClaims = parts[0] + "." + bobsParts[1] + "." + parts[2];
        double hits = hits();
        double misses = misses();

        for (String forged : List.of(badSignature, badSignature, swappedClaims, swappedClaims)) {
            listChats(forged).statusCode(401).contentType("application/problem+json");
        }

        assertEquals(hits, hits(), "a forged token is never served from the cache");
        assertEquals(misses + 4, misses(), "each attempt was verified, and failed, in full");
        listChats(genuine).statusCode(200);
        assertEquals(hits + 1, hits(), "the genuine token is still cached");
    }

    @Test
    void cachedTokensOfDifferentUsersAreNeverConfused() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String alicesToken = TestTokens.valid(alice);
        String bobsToken = TestTokens.valid(bob);

        for (int i = 0; i < 3; i++) {
            createChat(alicesToken).statusCode(201).body("createdBy", equalTo(alice));
            createChat(bobsToken).statusCode(201).body("createdBy", equalTo(bob));
        }
    }

    @Test
    void theSizeGaugeCountsHeldTokens() {
        // The cache is shared with every other test of this application, whose short-lived tokens may expire
        // between the two readings; an attempt so disturbed is tried again with a new token.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double before = Metrics.value("switchboard_auth_token_cache_size", Map.of());
            listChats(TestTokens.valid(Api.user("carol"))).statusCode(200);
            assertEquals(before + 1, Metrics.value("switchboard_auth_token_cache_size", Map.of()));
        });
    }

    private static ValidatableResponse listChats(String token) {
        return given().header("Authorization", "Bearer " + token)
                .get("/api/v1/chats")
                .then();
    }

    private static ValidatableResponse createChat(String token) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Cache", "memberIds", List.of()))
                .post("/api/v1/chats")
                .then();
    }

    /** A character from the middle: the last one of a base64url signature may only carry padding bits. */
    private static String changeOneCharacter(String signature) {
        int i = signature.length() / 2;
        char replacement = signature.charAt(i) == 'A' ? 'B' : 'A';
        return signature.substring(0, i) + replacement + signature.substring(i + 1);
    }

    private static double hits() {
        return Metrics.value(REQUESTS, Map.of("result", "hit"));
    }

    private static double misses() {
        return Metrics.value(REQUESTS, Map.of("result", "miss"));
    }
}
