package dev.switchboard.sender.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.ProductionDefaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The production default: no dev token endpoint at all. */
@QuarkusTest
@TestProfile(ProductionDefaults.class)
@WithTestResource(EmbeddedServersResource.class)
class DevTokensDisabledTest {

    @Test
    void theDevTokenPathAnswers404() {
        given().contentType(ContentType.JSON)
                .body("{\"userId\":\"alice\",\"ttlSeconds\":3600}")
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void evenAMalformedRequestGets404() {
        given().contentType(ContentType.JSON)
                .body("{oops")
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(404);
    }
}
