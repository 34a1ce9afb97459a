package dev.switchboard.sender.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Management;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document at /q/openapi describes every call of the contract, with its answers and examples. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OpenApiDocumentTest {

    /** Every path and method of the contract, with the response codes each must document. */
    private static final Map<String, Map<String, Set<String>>> CONTRACT = Map.of(
            "/api/v1/chats",
                    Map.of(
                            "post", Set.of("201", "400", "401"),
                            "get", Set.of("200", "400", "401")),
            "/api/v1/chats/{chatId}",
                    Map.of(
                            "get", Set.of("200", "401", "404"),
                            "patch", Set.of("200", "400", "401", "404")),
            "/api/v1/chats/{chatId}/messages",
                    Map.of(
                            "post", Set.of("200", "201", "400", "401", "404", "413"),
                            "get", Set.of("200", "400", "401", "404")),
            "/api/v1/chats/{chatId}/messages/{messageId}",
                    Map.of(
                            "patch", Set.of("200", "400", "401", "403", "404", "409", "413"),
                            "delete", Set.of("204", "401", "403", "404")),
            "/api/v1/chats/{chatId}/members", Map.of("get", Set.of("200", "400", "401", "404")),
            "/api/v1/chats/{chatId}/read", Map.of("post", Set.of("200", "400", "401", "404")),
            "/api/v1/unread", Map.of("get", Set.of("200", "400", "401")),
            "/api/v1/dev/tokens", Map.of("post", Set.of("200", "404")));

    private static final Set<String> BODY_METHODS = Set.of("post", "patch");

    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        String json = Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everyCallOfTheContractIsDocumentedWithItsResponseCodes() {
        List<String> missing = new ArrayList<>();
        CONTRACT.forEach((path, methods) -> methods.forEach((method, codes) -> {
            JsonNode operation = document.path("paths").path(path).path(method);
            if (operation.isMissingNode()) {
                missing.add(method.toUpperCase() + " " + path);
                return;
            }
            Set<String> documented = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(documented::add);
            if (!documented.containsAll(codes)) {
                missing.add(method.toUpperCase() + " " + path + " documents " + documented + ", needs " + codes);
            }
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyOperationHasASummaryAndEverySuccessfulJsonAnswerAndBodyAnExample() {
        CONTRACT.forEach((path, methods) -> methods.keySet().forEach(method -> {
            String name = method.toUpperCase() + " " + path;
            JsonNode operation = document.path("paths").path(path).path(method);
            assertFalse(operation.path("summary").asText().isBlank(), name + " summary");
            operation.path("responses").fields().forEachRemaining(response -> {
                JsonNode json = response.getValue().path("content").path("application/json");
                if (response.getKey().startsWith("2") && !json.isMissingNode()) {
                    assertTrue(json.path("examples").size() > 0, name + " " + response.getKey() + " example");
                }
            });
            if (BODY_METHODS.contains(method)) {
                assertTrue(
                        operation
                                        .path("requestBody")
                                        .path("content")
                                        .path("application/json")
                                        .path("examples")
                                        .size()
                                > 0,
                        name + " request example");
            }
        }));
    }

    @Test
    void errorsAreProblemJsonWithExamples() {
        JsonNode responses = document.path("components").path("responses");
        for (String name : List.of(
                "BadRequest",
                "Unauthorized",
                "Forbidden",
                "NotFound",
                "Conflict",
                "ContentTooLarge",
                "AdminForbidden",
                "ServiceUnavailable")) {
            JsonNode problem = responses.path(name).path("content").path("application/problem+json");
            assertEquals(
                    "#/components/schemas/Problem",
                    problem.path("schema").path("$ref").asText(),
                    name);
            assertTrue(problem.path("examples").size() > 0, name + " example");
        }
        assertEquals(
                "#/components/responses/NotFound",
                document.path("paths")
                        .path("/api/v1/chats/{chatId}")
                        .path("get")
                        .path("responses")
                        .path("404")
                        .path("$ref")
                        .asText());
    }

    @Test
    void forbiddenIsDocumentedOnlyWhereItCanHappen() {
        List<String> with403 = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (op.getValue().path("responses").has("403")) {
                        with403.add(op.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        assertEquals(
                List.of(
                                "PATCH /api/v1/chats/{chatId}",
                                "PATCH /api/v1/chats/{chatId}/messages/{messageId}",
                                "DELETE /api/v1/chats/{chatId}/messages/{messageId}",
                                "POST /api/v1/admin/chats/{chatId}/republish",
                                "GET /api/v1/admin/outbox/dead-letters",
                                "POST /api/v1/admin/outbox/dead-letters/{id}/retry",
                                "POST /api/v1/presence/grant")
                        .stream()
                        .sorted()
                        .toList(),
                with403.stream().sorted().toList());
    }

    @Test
    void theAdminCallsAreDocumentedWithTheirAnswers() {
        Map<String, Map<String, Set<String>>> admin = Map.of(
                "/api/v1/admin/chats/{chatId}/republish",
                        Map.of("post", Set.of("202", "400", "401", "403", "404", "503")),
                "/api/v1/admin/outbox/dead-letters", Map.of("get", Set.of("200", "400", "401", "403", "404", "503")),
                "/api/v1/admin/outbox/dead-letters/{id}/retry",
                        Map.of("post", Set.of("202", "401", "403", "404", "503")));
        admin.forEach((path, methods) -> methods.forEach((method, codes) -> {
            JsonNode operation = document.path("paths").path(path).path(method);
            Set<String> documented = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(documented::add);
            assertTrue(documented.containsAll(codes), method + " " + path + " documents " + documented);
            assertFalse(operation.path("summary").asText().isBlank(), path + " summary");
        }));
    }

    @Test
    void everyCallThatNeedsTheDatabaseDocuments503() {
        CONTRACT.forEach((path, methods) -> methods.forEach((method, codes) -> {
            if (!path.startsWith("/api/v1/dev/")) {
                assertTrue(
                        document.path("paths")
                                .path(path)
                                .path(method)
                                .path("responses")
                                .has("503"),
                        method + " " + path);
            }
        }));
        JsonNode unavailable = document.path("components").path("responses").path("ServiceUnavailable");
        assertTrue(unavailable.path("headers").has("Retry-After"));
    }

    @Test
    void callsNeedTheBearerSchemeExceptDevTokens() {
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        assertEquals("JWT", bearer.path("bearerFormat").asText());
        assertTrue(
                document.path("security").findValues("bearer").size() > 0, "bearer applies to every call by default");
        JsonNode devTokens =
                document.path("paths").path("/api/v1/dev/tokens").path("post").path("security");
        assertTrue(devTokens.isArray() && devTokens.isEmpty(), "dev tokens need no token");
    }

    @Test
    void everyReferencedExampleExists() {
        List<String> refs = document.findValuesAsText("$ref");
        JsonNode examples = document.path("components").path("examples");
        refs.stream()
                .filter(ref -> ref.startsWith("#/components/examples/"))
                .forEach(ref -> assertNotNull(examples.get(ref.substring("#/components/examples/".length())), ref));
    }
}
