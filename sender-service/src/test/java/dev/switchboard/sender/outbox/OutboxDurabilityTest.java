package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Message;
import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.InjectEmbeddedRedis;
import dev.switchboard.sender.testing.RedisSubscription;
import dev.switchboard.sender.testing.TestDatabase;
import dev.switchboard.sender.testing.TestDatabase.OutboxRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nothing committed is lost: events committed while Redis is down wait in the outbox and go out, in order, later. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OutboxDurabilityTest {

    private static final Duration DRAINED = Duration.ofSeconds(10);

    @InjectEmbeddedRedis
    EmbeddedRedis redis;

    @Inject
    Vertx vertx;

    @Inject
    EventCodec codec;

    @AfterEach
    void redisIsBack() {
        redis.start();
    }

    @Test
    void eventsCommittedWhileRedisIsDownWaitInTheOutboxThenGoOutInCommitOrder() throws Exception {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        redis.stop();

        String chatId = Api.createChat(alice, bob);
        for (int i = 1; i <= 5; i++) {
            Api.send(i % 2 == 0 ? bob : alice, chatId, "m" + i);
        }

        // One row per event, written with the domain rows, in commit order: each send writes its four events.
        List<OutboxRecord> rows = TestDatabase.outbox(chatId);
        List<String> perSend =
                List.of("messageAdded", "chatMessageNotification", "messageUpdateForChatList", "unreadCountUpdated");
        List<String> expected = new ArrayList<>(List.of("chatAdded"));
        for (int i = 1; i <= 5; i++) {
            expected.addAll(perSend);
        }
        assertEquals(expected, rows.stream().map(OutboxRecord::eventType).toList());
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L),
                rows.stream()
                        .filter(r -> r.eventType().equals("messageAdded"))
                        .map(r -> seqOf(r.payload()))
                        .toList());
        // The relay keeps trying and says why it failed, but Redis being down is not the rows' fault: no attempt
        // is counted against them, so an outage never dead-letters anything.
        await().atMost(DRAINED).until(() -> TestDatabase.outbox(chatId).stream().allMatch(r -> r.lastError() != null));
        assertEquals(
                List.of(0), rows.stream().map(OutboxRecord::attempts).distinct().toList());
        assertEquals(
                List.of(0),
                TestDatabase.outbox(chatId).stream()
                        .map(OutboxRecord::attempts)
                        .distinct()
                        .toList());

        try (RedisSubscription subscription = restartRedisAndSubscribe(EventType.CHAT_ADDED, EventType.MESSAGE_ADDED)) {
            await().atMost(DRAINED).until(() -> ofChat(subscription, chatId).size() == 6);

            List<EventEnvelope> events = ofChat(subscription, chatId);
            assertEquals("chatAdded", events.getFirst().type().wireName());
            assertEquals(
                    List.of(1L, 2L, 3L, 4L, 5L),
                    events.stream()
                            .skip(1)
                            .map(e -> codec.dataAs(e, Message.class).seq())
                            .toList());
            await().atMost(DRAINED).until(() -> TestDatabase.outbox(chatId).isEmpty());
        }
    }

    @Test
    void aRetriedSendLeavesNoSecondOutboxRow() {
        String alice = Api.user("alice");
        redis.stop();
        String chatId = Api.createChat(alice);
        Api.as(alice)
                .body(Map.of("content", "hi", "clientMessageId", "c-1"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(201);

        Api.as(alice)
                .body(Map.of("content", "again", "clientMessageId", "c-1"))
                .post("/api/v1/chats/{id}/messages", chatId)
                .then()
                .statusCode(200);

        // Alone in the chat: no notification and no unread count changes, only the message and the chat list line.
        assertEquals(
                List.of("chatAdded", "messageAdded", "messageUpdateForChatList"),
                TestDatabase.outbox(chatId).stream()
                        .map(OutboxRecord::eventType)
                        .toList());
        redis.start();
        await().atMost(DRAINED).until(() -> TestDatabase.outbox(chatId).isEmpty());
    }

    /**
     * Holds the relay back (an exclusive lock on the outbox blocks its next read) until this test's subscriber is
     * listening on the restarted Redis, so that the drain cannot happen before anyone listens.
     */
    private RedisSubscription restartRedisAndSubscribe(EventType... types) throws Exception {
        try (Connection lock = TestDatabase.connect();
                Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE");
            redis.start();
            RedisSubscription subscription = RedisSubscription.subscribe(vertx, types);
            lock.rollback();
            return subscription;
        }
    }

    private List<EventEnvelope> ofChat(RedisSubscription subscription, String chatId) {
        return subscription.received().stream()
                .map(r -> codec.decode(r.payload()))
                .filter(e -> e.chatId().toString().equals(chatId))
                .toList();
    }

    private long seqOf(String payload) {
        return codec.dataAs(codec.decode(payload), Message.class).seq();
    }
}
