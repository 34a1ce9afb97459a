package dev.switchboard.sender.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class AuthenticationTest {

    private static final Map<String, Object> CHAT = Map.of("name", "Project", "memberIds", java.util.List.of());

    @Test
    void aCallWithoutTokenIsRejectedWith401ProblemJson() {
        given().contentType(ContentType.JSON)
                .body(CHAT)
                .post("/api/v1/chats")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", notNullValue());
    }

    @Test
    void everyApiCallNeedsAToken() {
        String chatId = UUID.randomUUID().toString();
        given().get("/api/v1/chats/{id}", chatId).then().statusCode(401);
        given().get("/api/v1/chats/{id}/messages", chatId).then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("content", "hi"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        assertRejected(TestTokens.signedWithAnotherKey("alice"));
    }

    @Test
    void anExpiredTokenIsRejected() {
        assertRejected(TestTokens.expired("alice"));
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        assertRejected(TestTokens.fromIssuer("someone-else", "alice"));
    }

    @Test
    void aTokenWhoseSubjectIsNotAValidUserIdIsRejected() {
        assertRejected(TestTokens.valid("not a user id"));
        assertRejected(TestTokens.valid("x".repeat(65)));
    }

    @Test
    void aMalformedTokenIsRejected() {
        assertRejected("not-a-jwt");
    }

    @Test
    void aValidTokenMakesItsSubjectTheCaller() {
        String alice = Api.user("alice");
        Api.as(alice).body(CHAT).post("/api/v1/chats").then().statusCode(201).body("createdBy", equalTo(alice));
    }

    private static void assertRejected(String token) {
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body(CHAT)
                .post("/api/v1/chats")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void tokensOfOtherApplicationsFromTheFutureOrOfAnotherKindAre401() {
        for (String token : new String[] {
            TestTokens.forAudience("another-app", "alice"),
            TestTokens.issuedIn(java.time.Duration.ofMinutes(10), "alice"),
            TestTokens.ofType("ID", "alice")
        }) {
            io.restassured.RestAssured.given()
                    .header("Authorization", "Bearer " + token)
                    .get("/api/v1/chats")
                    .then()
                    .statusCode(401);
        }
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + TestTokens.ofType("Bearer", "alice"))
                .get("/api/v1/chats")
                .then()
                .statusCode(200);
    }
}
