package dev.switchboard.sender.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.ProductionDefaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The production default: the admin API does not exist, whoever asks. */
@QuarkusTest
@TestProfile(ProductionDefaults.class)
@WithTestResource(EmbeddedServersResource.class)
class AdminDisabledTest {

    private static final String REPUBLISH = "/api/v1/admin/chats/" + UUID.randomUUID() + "/republish";

    @Test
    void everyAdminPathAnswers404EvenToAnAdmin() {
        Api.asAdmin()
                .body(Map.of("fromSeq", 1))
                .post(REPUBLISH)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        Api.asAdmin().get("/api/v1/admin/outbox/dead-letters").then().statusCode(404);
        Api.asAdmin().post("/api/v1/admin/outbox/dead-letters/1/retry").then().statusCode(404);
    }

    @Test
    void withoutATokenItIsStill404Not401() {
        given().contentType(ContentType.JSON)
                .body(Map.of("fromSeq", 1))
                .post(REPUBLISH)
                .then()
                .statusCode(404);
        given().get("/api/v1/admin/outbox/dead-letters").then().statusCode(404);
    }

    @Test
    void oddSpellingsOfThePathDoNotGetAround() {
        given().get("/api/v1//admin/outbox/dead-letters").then().statusCode(404);
        given().get("/api/v1/chats/../admin/outbox/dead-letters").then().statusCode(404);
        assertTrue(AdminGate.isAdminPath("/api/v1//admin/x"));
        assertTrue(AdminGate.isAdminPath("/api/v1/x/../admin"));
        assertFalse(AdminGate.isAdminPath("/api/v1/administrator"));
        assertFalse(AdminGate.isAdminPath("/api/v1/chats"));
    }
}
