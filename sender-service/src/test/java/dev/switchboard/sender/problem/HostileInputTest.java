package dev.switchboard.sender.problem;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Finding 8 of the hostile-load issue: request bodies a careless or hostile client sends. Each failed before. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class HostileInputTest extends AliceAndBobChat {

    @Test
    void unpairedSurrogatesInContentNamesAndClientMessageIdsAreA400() {
        // Stored as '?' before: "a\ud800" and "a\udbff" became the same clientMessageId and one send was lost.
        rawSend("{\"content\":\"hi\",\"clientMessageId\":\"a\\ud800\"}")
                .then()
                .statusCode(400)
                .body("field", equalTo("clientMessageId"))
                .body("errors[0].message", startsWith("must not contain an unpaired UTF-16 surrogate"));
        rawSend("{\"content\":\"broken \\udc00 text\"}").then().statusCode(400).body("field", equalTo("content"));
        Api.as(alice)
                .body("{\"name\":\"x\\ud83d\"}")
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("field", equalTo("name"));

        rawSend("{\"content\":\"a pair is fine \\ud83d\\ude00\",\"clientMessageId\":\"c-\\ud83d\\ude00\"}")
                .then()
                .statusCode(201)
                .body("content", equalTo("a pair is fine 😀"))
                .body("clientMessageId", equalTo("c-😀"));
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        // {"content":"x","seq":99} was a 201 that silently ignored seq.
        rawSend("{\"content\":\"x\",\"seq\":99}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("seq"))
                .body("errors[0].message", equalTo("is not a field of this request"));
        Api.as(alice)
                .body(Map.of("name", "x", "memberIds", List.of(), "admins", List.of(alice)))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("field", equalTo("admins"));
        Api.as(bob).get("/api/v1/chats/{id}/messages", chatId).then().body("messages", hasSize(0));
    }

    @Test
    void manyInvalidMemberIdsGiveAtMostTwentyFieldErrorsAndTheirCount() {
        List<String> invalid = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> invalid.add("bad id " + i));

        Api.as(alice)
                .body(Map.of("name", "x", "memberIds", invalid))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("errors", hasSize(ValidationErrors.MAX_LISTED))
                .body("errorCount", equalTo(500))
                .body("errors[0].field", equalTo("memberIds[0]"));
    }

    @Test
    void anOverLongMemberListIsOneErrorWhateverItHolds() {
        // 50,000 invalid ids answered 50,000 field errors (8.2 MB) before.
        List<String> invalid = new ArrayList<>();
        IntStream.range(0, 50_000).forEach(i -> invalid.add("!" + i));

        String body = Api.as(alice)
                .body(Map.of("name", "x", "memberIds", invalid))
                .post("/api/v1/chats")
                .then()
                .statusCode(400)
                .body("errors", hasSize(1))
                .body("field", equalTo("memberIds"))
                .body("errorCount", equalTo(1))
                .extract()
                .asString();
        org.hamcrest.MatcherAssert.assertThat(body.length(), lessThan(1_000));
    }

    @Test
    void aBodyOverTheHttpLimitIsA413ProblemJson() {
        // Before: 413 with an empty body, and two ERROR stack traces in the log.
        String huge = "{\"content\":\"" + "x".repeat(1_100_000) + "\"}";

        List<String> errors = errorsLoggedDuring(() -> rawSend(huge)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", startsWith("the request body is larger than")));
        assertEquals(List.of(), errors);
    }

    @Test
    void aChunkedBodyOverTheHttpLimitIsRefusedToo() throws Exception {
        byte[] huge = ("{\"content\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/chats/" + chatId + "/messages"))
                .header("Authorization", "Bearer " + TestTokens.valid(alice))
                .header("Content-Type", "application/json")
                // No length: the body goes chunked, and only the reader can tell it is too large.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            org.junit.jupiter.api.Assertions.assertEquals(413, response.statusCode(), response.body());
        }
        Api.as(bob).get("/api/v1/chats/{id}/messages", chatId).then().body("messages", hasSize(0));
    }

    /** ERROR records any logger wrote while the action ran (Quarkus routes JUL, JBoss Logging and the rest here). */
    private static List<String> errorsLoggedDuring(Runnable action) {
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            action.run();
        } finally {
            root.removeHandler(capture);
        }
        return List.copyOf(errors);
    }

    private io.restassured.response.Response rawSend(String json) {
        return Api.as(alice).body(json).post("/api/v1/chats/{id}/messages", chatId);
    }
}
