package dev.switchboard.sender.read;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.EventLog;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Sends, reads and deletes racing in one chat never leave a wrong unread count: the counts derived from the stored marks, the REST answers
 * and the last unreadCountUpdated each member got all equal the count recomputed from the messages.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class UnreadConcurrencyTest {

    private static final String TRUTH = """
            SELECT count(*) FROM messages x
             WHERE x.chat_id = ? AND x.sender_id <> ? AND NOT x.deleted
               AND x.seq > (SELECT last_read_seq FROM chat_members WHERE chat_id = ? AND user_id = ?)
            """;

    @Inject
    Vertx vertx;

    @Inject
    EventCodec codec;

    @Test
    void countsUnderConcurrentSendsReadsAndDeletesEqualTheRecomputedTruth() {
        String alice = Api.user("alice");
        String bob = Api.user("bob");
        String carol = Api.user("carol");
        String chatId = Api.createChat(alice, bob, carol);
        List<String> members = List.of(alice, bob, carol);

        try (EventLog events = EventLog.subscribe(vertx, codec)) {
            List<Runnable> work = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int n = i;
                work.add(() -> Api.send(alice, chatId, "a" + n));
                work.add(() -> Api.send(bob, chatId, "b" + n));
            }
            for (int i = 0; i < 5; i++) {
                work.add(() -> Api.as(alice)
                        .delete("/api/v1/chats/{c}/messages/{m}", chatId, Api.sendForId(alice, chatId, "doomed"))
                        .then()
                        .statusCode(204));
            }
            Random random = new Random(42);
            for (int i = 0; i < 30; i++) {
                String reader = members.get(i % 3);
                long upTo = random.nextInt(60);
                work.add(() -> Api.read(reader, chatId, upTo));
            }
            Collections.shuffle(work, random);
            runInParallel(work, 8);

            // A last send that everyone's count reacts to: once its unreadCountUpdated is in, all earlier events are.
            long fenceSeq = Api.send(alice, chatId, "fence");
            await().atMost(EventLog.PROMPTLY).until(() -> unreadEventAfter(events.of(chatId), fenceSeq));

            Map<String, Long> truth = new HashMap<>();
            for (String member : members) {
                truth.put(
                        member,
                        TestDatabase.queryLong(
                                TRUTH, UUID.fromString(chatId), member, UUID.fromString(chatId), member));
            }
            Map<String, Long> lastPublished = new HashMap<>();
            for (EventEnvelope event : events.of(chatId, EventType.UNREAD_COUNT_UPDATED)) {
                lastPublished.putAll(
                        events.data(event, EventData.UnreadCounts.class).counts());
            }
            for (String member : members) {
                assertEquals(truth.get(member), Api.unread(member, chatId), "GET /api/v1/unread of " + member);
                assertEquals(
                        truth.get(member),
                        lastPublished.getOrDefault(member, 0L),
                        "last unreadCountUpdated of " + member);
                assertEquals(
                        truth.get(member),
                        TestDatabase.queryLong(
                                "SELECT c.last_seq - m.last_read_seq - m.uncounted_above_mark"
                                        + " FROM chat_members m JOIN chats c ON c.id = m.chat_id"
                                        + " WHERE m.chat_id = ? AND m.user_id = ?",
                                UUID.fromString(chatId),
                                member),
                        "derived count of " + member);
            }
            assertEquals(0, truth.get(alice), "alice sent last");
        }
    }

    private static boolean unreadEventAfter(List<EventEnvelope> events, long seq) {
        boolean fenceSeen = false;
        for (EventEnvelope event : events) {
            if (event.type() == EventType.MESSAGE_ADDED
                    && event.data().get("seq").asLong() == seq) {
                fenceSeen = true;
            } else if (fenceSeen && event.type() == EventType.UNREAD_COUNT_UPDATED) {
                return true;
            }
        }
        return false;
    }

    private static void runInParallel(List<Runnable> work, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CompletableFuture.allOf(work.stream()
                            .map(task -> CompletableFuture.runAsync(task, pool))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            pool.shutdownNow();
        }
    }
}
