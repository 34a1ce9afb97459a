package dev.switchboard.sender.chat;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatResourceTest {

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Test
    void createsAChatWithTheCallerAsMember() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");

        ExtractableResponse<Response> created = Api.as(alice)
                .body(Map.of("name", "Project", "memberIds", List.of(bob)))
                .post("/api/v1/chats")
                .then()
                .statusCode(201)
                .body("name", equalTo("Project"))
                .body("memberIds", equalTo(List.of(alice, bob)))
                .body("createdBy", equalTo(alice))
                .body("lastSeq", equalTo(0))
                .body("createdAt", matchesPattern(TIME))
                .extract();

        UUID id = UUID.fromString(created.path("id"));
        assertEquals(7, id.version());
        assertTrue(created.header("Location").endsWith("/api/v1/chats/" + id), created.header("Location"));
    }

    @Test
    void membersAreDeduplicatedAndTheCallerAddedOnce() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");

        Api.as(alice)
                .body(Map.of("name", "Dup", "memberIds", List.of(bob, bob, alice)))
                .post("/api/v1/chats")
                .then()
                .statusCode(201)
                .body("memberIds", equalTo(List.of(alice, bob)));
    }

    @Test
    void everyMemberReadsTheSameChat() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        Map<String, Object> created = Api.as(alice)
                .body(Map.of("name", "Shared", "memberIds", List.of(bob)))
                .post("/api/v1/chats")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);

        Map<?, ?> readByBob = Api.as(bob)
                .get("/api/v1/chats/{id}", created.get("id"))
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);

        assertEquals(created, readByBob);
    }

    @Test
    void aNonMemberAndAnUnknownChatLookTheSame404() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);

        Map<?, ?> nonMember = Api.as(Api.user("mallory"))
                .get("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .extract()
                .as(Map.class);
        Api.as(alice)
                .get("/api/v1/chats/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(alice)
                .get("/api/v1/chats/{id}", "not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertEquals("Not Found", nonMember.get("title"));
    }

    @Test
    void aMissingNameIsA400NamingTheField() {
        Api.as(Api.user("alice"))
                .body(Map.of("memberIds", List.of()))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("field", equalTo("name"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void anOverlongNameIsA400() {
        Api.as(Api.user("alice"))
                .body(Map.of("name", "x".repeat(201)))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));
    }

    @Test
    void anInvalidMemberIdIsA400NamingItsIndex() {
        Api.as(Api.user("alice"))
                .body(Map.of("name", "P", "memberIds", List.of("bob", "b o b")))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("field", equalTo("memberIds[1]"));
    }

    @Test
    void moreThanTheMemberLimitIsA400() {
        List<String> members =
                IntStream.range(0, 1000).mapToObj(i -> "member" + i).toList();
        Api.as(Api.user("alice"))
                .body(Map.of("name", "Too big", "memberIds", members))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("field", equalTo("memberIds"));
    }

    @Test
    void aValueOfTheWrongTypeIsA400NamingTheField() {
        Api.as(Api.user("alice"))
                .body("{\"name\":\"P\",\"memberIds\":\"bob\"}")
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("memberIds"));
        Api.as(Api.user("alice"))
                .body("{\"name\":5}")
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));
    }

    @Test
    void malformedJsonOrNoBodyIsA400() {
        Api.as(Api.user("alice"))
                .body("{\"name\":")
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        Api.as(Api.user("alice")).post("/api/v1/chats").then().statusCode(400).body("field", equalTo("name"));
    }
}
