package dev.switchboard.sender.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Metrics;
import dev.switchboard.sender.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** switchboard.auth.token-cache.enabled=false: every request is verified in full, and authentication works the same. */
@QuarkusTest
@TestProfile(TokenCacheDisabledTest.CacheOff.class)
@WithTestResource(EmbeddedServersResource.class)
class TokenCacheDisabledTest {

    public static class CacheOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.auth.token-cache.enabled", "false");
        }
    }

    private static final Map<String, Object> CHAT = Map.of("name", "No cache", "memberIds", List.of());

    @Test
    void aValidTokenStillAuthenticatesOnEveryRequest() {
        String alice = Api.user("alice");
        String token = TestTokens.valid(alice);
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON)
                    .body(CHAT)
                    .post("/api/v1/chats")
                    .then()
                    .statusCode(201)
                    .body("createdBy", equalTo(alice));
        }
    }

    @Test
    void badTokensAreStillRejected() {
        for (String token :
                List.of(TestTokens.expired("alice"), TestTokens.signedWithAnotherKey("alice"), "not-a-jwt")) {
            given().header("Authorization", "Bearer " + token)
                    .get("/api/v1/chats")
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void noCacheMetersExist() {
        given().header("Authorization", "Bearer " + TestTokens.valid(Api.user("bob")))
                .get("/api/v1/chats")
                .then()
                .statusCode(200);
        assertFalse(Metrics.scrape().contains("switchboard_auth_token_cache"));
    }
}
