package dev.switchboard.sender.message;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.AliceAndBobChat;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A send with a clientMessageId happens once, however often and however concurrently it is retried. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class MessageIdempotencyTest extends AliceAndBobChat {

    @Test
    void aRetryAnswers200WithTheOriginalMessageAndPublishesNothingMore() {
        Map<String, Object> original = send(alice, chatId, "hi", "c-1")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);

        Map<String, Object> retry = send(alice, chatId, "hi, but different", "c-1")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);

        assertEquals(original, retry);
        Api.as(alice).get("/api/v1/chats/{id}", chatId).then().body("lastSeq", equalTo(1));
        assertEquals(1, Api.unread(bob, chatId), "the retry counted nothing");
        List<String> types = events.untilFence(chatId, alice).stream()
                .map(e -> e.type().wireName())
                .toList();
        assertEquals(
                List.of(
                        "chatAdded",
                        "messageAdded",
                        "chatMessageNotification",
                        "messageUpdateForChatList",
                        "unreadCountUpdated"),
                types);
    }

    @Test
    void theSameClientMessageIdOfAnotherSenderOrInAnotherChatIsANewMessage() {
        String otherChat = Api.createChat(alice);
        send(alice, chatId, "from alice", "c-1").then().statusCode(201).body("seq", equalTo(1));

        send(bob, chatId, "from bob", "c-1").then().statusCode(201).body("seq", equalTo(2));
        send(alice, otherChat, "elsewhere", "c-1").then().statusCode(201).body("seq", equalTo(1));
    }

    @Test
    void concurrentIdenticalRetriesAllGetTheOriginalAndOnlyOneMessageIsAdded() throws Exception {
        int retries = 12;
        ExecutorService pool = Executors.newFixedThreadPool(retries);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Response>> sends = IntStream.range(0, retries)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                awaitQuietly(start);
                                return send(alice, chatId, "once", "same-id");
                            },
                            pool))
                    .toList();
            start.countDown();
            List<Response> answers = sends.stream().map(CompletableFuture::join).toList();

            assertEquals(1, answers.stream().filter(r -> r.statusCode() == 201).count());
            assertEquals(
                    retries - 1,
                    answers.stream().filter(r -> r.statusCode() == 200).count());
            assertEquals(
                    1,
                    answers.stream()
                            .map(r -> r.jsonPath().getString("id"))
                            .distinct()
                            .count());
            assertEquals(
                    1,
                    answers.stream()
                            .map(r -> r.jsonPath().getInt("seq"))
                            .distinct()
                            .count());
        } finally {
            pool.shutdownNow();
        }
        Api.as(alice).get("/api/v1/chats/{id}", chatId).then().body("lastSeq", equalTo(1));
        assertEquals(
                1, events.untilFence(chatId, alice, EventType.MESSAGE_ADDED).size());
        assertEquals(2, Api.unread(bob, chatId), "one message plus the fence");
    }

    @Test
    void aRemovedMembersRetryIsA404() {
        send(bob, chatId, "hi", "c-1").then().statusCode(201);
        Api.as(alice)
                .body(Map.of("removeMemberIds", List.of(bob)))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(200);

        send(bob, chatId, "hi", "c-1").then().statusCode(404);
    }

    private static Response send(String senderId, String chatId, String content, String clientMessageId) {
        return Api.as(senderId)
                .body(Map.of("content", content, "clientMessageId", clientMessageId))
                .post("/api/v1/chats/{id}/messages", chatId);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
