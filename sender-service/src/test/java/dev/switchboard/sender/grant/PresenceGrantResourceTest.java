package dev.switchboard.sender.grant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class PresenceGrantResourceTest extends AliceAndBobChat {

    private static final String SECRET = "DEV-ONLY-switchboard-grants-secret-0123456789";

    @Test
    void usersWhoShareAChatWithTheCallerAreGrantedInTheOrderAsked() throws Exception {
        String carol = Api.user("carol");
        Api.createChat(bob, carol);

        String grant = Api.as(alice)
                .body(Map.of("userIds", List.of(bob, bob)))
                .post("/api/v1/presence/grant")
                .then()
                .statusCode(200)
                .body("userIds", equalTo(List.of(bob)))
                .extract()
                .path("grant");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedAudience(ChatGrants.AUDIENCE)
                .build()
                .processToClaims(grant);
        assertEquals(alice, claims.getSubject());
        assertEquals(List.of(bob), claims.getStringListClaimValue(ChatGrants.PRESENCE_CLAIM));

        Api.as(bob)
                .body(Map.of("userIds", List.of(carol, alice)))
                .post("/api/v1/presence/grant")
                .then()
                .statusCode(200)
                .body("userIds", equalTo(List.of(carol, alice)));
    }

    @Test
    void askingAboutSomeoneTheCallerSharesNoChatWithIsRefusedWhole() {
        String stranger = Api.user("stranger");

        Api.as(alice)
                .body(Map.of("userIds", List.of(bob, stranger)))
                .post("/api/v1/presence/grant")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(stranger));
    }

    @Test
    void badListsAreA400NamingTheField() {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add("u" + i);
        }
        for (Object body : List.of(Map.of(), Map.of("userIds", List.of()), Map.of("userIds", tooMany))) {
            Api.as(alice)
                    .body(body)
                    .post("/api/v1/presence/grant")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("userIds"));
        }
        Api.as(alice)
                .body(Map.of("userIds", List.of("not a user id")))
                .post("/api/v1/presence/grant")
                .then()
                .statusCode(400)
                .body("field", equalTo("userIds[0]"));
    }
}
