package dev.switchboard.sender.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dev tokens are on in the test profile; {@link DevTokensDisabledTest} covers the default (off). */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class DevTokenResourceTest {

    @Test
    void issuesATokenThatTheApiAccepts() {
        String token = issue("{\"userId\":\"dev-alice\",\"ttlSeconds\":600}");

        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "From a dev token"))
                .post("/api/v1/chats")
                .then()
                .statusCode(201)
                .body("createdBy", equalTo("dev-alice"));
    }

    @Test
    void theTokenCarriesTheVerifiedIssuerTheUserAndTheRequestedLifetime() throws Exception {
        JsonNode claims = claims(issue("{\"userId\":\"dev-bob\",\"ttlSeconds\":3600}"));

        assertEquals("switchboard-dev", claims.get("iss").asText());
        assertEquals("dev-bob", claims.get("sub").asText());
        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void withoutTtlTheTokenLivesAnHour() throws Exception {
        JsonNode claims = claims(issue("{\"userId\":\"dev-carol\"}"));

        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
    }

    @Test
    void anInvalidUserIdIsA400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"userId\":\"no spaces please\"}")
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("userId"))
                .body("errors[0].field", equalTo("userId"));
    }

    @Test
    void aLifetimeAboveTheCapIsA400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"userId\":\"alice\",\"ttlSeconds\":86401}")
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(400)
                .body("field", equalTo("ttlSeconds"));
    }

    @Test
    void aValueOfTheWrongTypeIsA400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"userId\":\"alice\",\"ttlSeconds\":\"long\"}")
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("ttlSeconds"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON)
                .body("{\"userId\":")
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    private static String issue(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .path("token");
    }

    private static JsonNode claims(String jwt) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
