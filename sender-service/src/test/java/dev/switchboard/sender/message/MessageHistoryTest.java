package dev.switchboard.sender.message;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class MessageHistoryTest {

    private String alice;
    private String chatId;

    @BeforeEach
    void fiveMessages() {
        alice = Api.user("alice");
        chatId = Api.createChat(alice);
        for (int i = 1; i <= 5; i++) {
            Api.send(alice, chatId, "m" + i);
        }
    }

    @Test
    void afterSeqPagesForwardInAscendingOrder() {
        history("afterSeq=0&limit=2")
                .body("messages.seq", equalTo(List.of(1, 2)))
                .body("hasMore", equalTo(true));
        history("afterSeq=2&limit=2")
                .body("messages.seq", equalTo(List.of(3, 4)))
                .body("hasMore", equalTo(true));
        history("afterSeq=4&limit=2").body("messages.seq", equalTo(List.of(5))).body("hasMore", equalTo(false));
        history("afterSeq=5").body("messages", equalTo(List.of())).body("hasMore", equalTo(false));
    }

    @Test
    void beforeSeqPagesBackwardNewestFirst() {
        history("beforeSeq=6&limit=2")
                .body("messages.seq", equalTo(List.of(5, 4)))
                .body("hasMore", equalTo(true));
        history("beforeSeq=2&limit=2").body("messages.seq", equalTo(List.of(1))).body("hasMore", equalTo(false));
    }

    @Test
    void withoutParametersTheHistoryStartsAtTheFirstMessage() {
        history("")
                .body("messages.seq", equalTo(List.of(1, 2, 3, 4, 5)))
                .body("messages.content", hasItems("m1", "m5"))
                .body("hasMore", equalTo(false));
    }

    @Test
    void aPageOfLargeMessagesEndsAtTheByteBudgetAndSaysThereIsMore() {
        String big = "x".repeat(16 * 1024);
        for (int i = 0; i < 40; i++) {
            Api.send(alice, chatId, big);
        }
        var page = history("afterSeq=5&limit=200").extract().jsonPath();
        int size = page.getList("messages").size();

        org.junit.jupiter.api.Assertions.assertTrue(size > 0 && size < 40, size + " messages of 16 KiB in one page");
        org.junit.jupiter.api.Assertions.assertTrue(page.getBoolean("hasMore"));
        history("afterSeq=" + (5 + size) + "&limit=200").body("messages[0].seq", equalTo(6 + size));
    }

    @Test
    void badParametersAreA400NamingThem() {
        badRequest("afterSeq=1&beforeSeq=3", "afterSeq");
        badRequest("afterSeq=-1", "afterSeq");
        badRequest("beforeSeq=abc", "beforeSeq");
        badRequest("limit=0", "limit");
        badRequest("limit=201", "limit");
    }

    @Test
    void aNonMemberGets404() {
        Api.as(Api.user("mallory"))
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private io.restassured.response.ValidatableResponse history(String query) {
        return Api.as(alice)
                .get("/api/v1/chats/" + chatId + "/messages" + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(200);
    }

    private void badRequest(String query, String field) {
        Api.as(alice)
                .get("/api/v1/chats/" + chatId + "/messages?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }
}
