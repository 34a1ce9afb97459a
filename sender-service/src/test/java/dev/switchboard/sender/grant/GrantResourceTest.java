package dev.switchboard.sender.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class GrantResourceTest extends AliceAndBobChat {

    private static final String SECRET = "DEV-ONLY-switchboard-grants-secret-0123456789";

    @Test
    void aMemberGetsAGrantForTheChatSignedWithTheSharedSecret() throws Exception {
        JsonPath answer = Api.as(bob)
                .get("/api/v1/chats/{id}/grant", chatId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertEquals(chatId, answer.getString("chatId"));
        Instant expiresAt = Instant.parse(answer.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(9))), "switchboard.grants.ttl: 10m");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedAudience(ChatGrants.AUDIENCE)
                .build()
                .processToClaims(answer.getString("grant"));
        assertEquals(bob, claims.getSubject());
        assertEquals(chatId, claims.getClaimValueAsString(ChatGrants.CHAT_CLAIM));
        assertEquals(expiresAt.getEpochSecond(), claims.getExpirationTime().getValue());
    }

    @Test
    void aNonMemberAndAnUnknownChatAreBoth404() {
        Api.as(Api.user("mallory"))
                .get("/api/v1/chats/{id}/grant", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(bob).get("/api/v1/chats/{id}/grant", UUID.randomUUID()).then().statusCode(404);
        Api.as(bob).get("/api/v1/chats/{id}/grant", "not-a-uuid").then().statusCode(404);
    }
}
