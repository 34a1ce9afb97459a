package dev.switchboard.sender.message;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class MessageResourceTest {

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Test
    void aSentMessageGetsTheNextSeqOfItsChat() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String chatId = Api.createChat(alice, bob);

        Api.as(alice)
                .body(Map.of("content", "hi", "clientMessageId", "c-1"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201)
                .body("chatId", equalTo(chatId))
                .body("seq", equalTo(1))
                .body("senderId", equalTo(alice))
                .body("content", equalTo("hi"))
                .body("contentType", equalTo("text"))
                .body("clientMessageId", equalTo("c-1"))
                .body("createdAt", matchesPattern(TIME))
                .body("editedAt", nullValue())
                .body("deleted", equalTo(false));
        Api.as(bob)
                .body(Map.of("content", "hello"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201)
                .body("seq", equalTo(2))
                .body("clientMessageId", nullValue());
        Api.as(alice).get("/api/v1/chats/{id}", chatId).then().body("lastSeq", equalTo(2));
    }

    @Test
    void opaqueContentPassesThroughUntouched() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        String ciphertext = "AAECAwQFBgcICQ==\n\t\"quoted\" <b>&amp;</b> \\u0041 😀";

        Api.as(alice)
                .body(Map.of("content", ciphertext, "contentType", "ciphertext"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201)
                .body("content", equalTo(ciphertext))
                .body("contentType", equalTo("ciphertext"));
        Api.as(alice)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .body("messages[0].content", equalTo(ciphertext));
    }

    @Test
    void aNulCharacterInContentIsA400RatherThanAStorageError() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);

        Api.as(alice)
                .body(Map.of("content", "a\u0000b"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("content"));
    }

    @Test
    void concurrentSendsGetGaplessDistinctSeqs() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Long>> sends = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> Api.send(alice, chatId, "m" + i), pool))
                    .toList();
            List<Long> seqs =
                    sends.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(LongStream.rangeClosed(1, 24).boxed().toList(), seqs);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sendingMarksTheChatReadUpToTheMessageForItsSender() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String chatId = Api.createChat(alice, bob);
        Api.send(alice, chatId, "one");
        Api.send(alice, chatId, "two");

        String sql = "SELECT last_read_seq FROM chat_members WHERE chat_id = ? AND user_id = ?";
        assertEquals(2, TestDatabase.queryLong(sql, UUID.fromString(chatId), alice));
        assertEquals(0, TestDatabase.queryLong(sql, UUID.fromString(chatId), bob));
    }

    @Test
    void aNonMemberCannotSendAndSeesTheSame404AsForAnUnknownChat() {
        String chatId = Api.createChat(Api.user("alice"));

        Api.as(Api.user("mallory"))
                .body(Map.of("content", "hi"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(Api.user("mallory"))
                .body(Map.of("content", "hi"))
                .post("/api/v1/chats/{id}/messages", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void missingContentIsA400NamingTheField() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);

        Api.as(alice)
                .body(Map.of("contentType", "text"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("content"));
    }

    @Test
    void wrongTypesAndBadContentTypesAreA400NamingTheField() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);

        Api.as(alice)
                .body("{\"content\": 42}")
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("content"));
        Api.as(alice)
                .body("{\"content\": \"hi\", \"contentType\": \"text/plain; charset=utf-8\"}")
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("contentType"));
        Api.as(alice)
                .body("{\"content\": \"hi\", \"clientMessageId\": [\"c-1\"]}")
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("clientMessageId"));
    }

    @Test
    void contentAbove16KiBOfUtf8IsA413() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice);

        Api.as(alice)
                .body(Map.of("content", "a".repeat(16384)))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201);
        Api.as(alice)
                .body(Map.of("content", "€".repeat(5462)))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("field", equalTo("content"));
    }
}
