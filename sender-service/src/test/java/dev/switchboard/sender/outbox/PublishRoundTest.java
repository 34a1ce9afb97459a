package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.impl.types.ErrorType;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PublishRoundTest {

    private static final UUID CHAT = UUID.randomUUID();

    /** Redis as a test wants it: refuses some rows, or is down; records what reached it, in order. */
    static final class FakeRedis implements PublishRound.Publisher {
        final Set<Long> refused;
        final RuntimeException down;
        final List<Long> received = new ArrayList<>();
        int batches;
        int singles;

        FakeRedis(Set<Long> refused, RuntimeException down) {
            this.refused = refused;
            this.down = down;
        }

        @Override
        public void publishAll(List<OutboxRow> rows) {
            batches++;
            if (down != null) {
                throw down;
            }
            boolean anyRefused = false;
            for (OutboxRow row : rows) {
                // Like a pipeline: Redis executes every command, the batch fails if any was refused.
                if (refused.contains(row.id())) {
                    anyRefused = true;
                } else {
                    received.add(row.id());
                }
            }
            if (anyRefused) {
                throw new CompletionException(ErrorType.create("NOPERM no permissions to access a channel"));
            }
        }

        @Override
        public void publish(OutboxRow row) {
            singles++;
            if (down != null) {
                throw down;
            }
            if (refused.contains(row.id())) {
                throw new CompletionException(ErrorType.create("NOPERM no permissions to access a channel"));
            }
            received.add(row.id());
        }
    }

    @Test
    void aHealthyRoundIsOnePipelinedBatch() {
        FakeRedis redis = new FakeRedis(Set.of(), null);

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2, 3), redis);

        assertEquals(List.of(1L, 2L, 3L), ids(outcome.published()));
        assertEquals(1, redis.batches);
        assertEquals(0, redis.singles);
        assertFalse(outcome.refusedAny());
        assertNull(outcome.failure());
    }

    @Test
    void aRefusedRowIsFoundOneByOneAndBlamedWhileTheOthersArePublished() {
        FakeRedis redis = new FakeRedis(Set.of(2L), null);

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2, 3), redis);

        assertEquals(List.of(1L, 3L), ids(outcome.published()));
        assertEquals(
                List.of(2L), outcome.blamed().stream().map(r -> r.row().id()).toList());
        assertTrue(outcome.unblamed().isEmpty());
        assertNull(outcome.failure());
        // The batch went through Redis once, then each row again on its own: at least once, never lost.
        assertEquals(List.of(1L, 3L, 1L, 3L), redis.received);
    }

    @Test
    void aRowRefusedBeforeIsTriedAloneFirstSoTheBatchOfTheOthersStaysWhole() {
        FakeRedis redis = new FakeRedis(Set.of(1L), null);
        List<OutboxRow> rows = List.of(row(1, 2), row(2, 0), row(3, 0));

        PublishRound.Outcome outcome = PublishRound.run(rows, redis);

        assertEquals(List.of(2L, 3L), ids(outcome.published()));
        assertEquals(
                List.of(1L), outcome.blamed().stream().map(r -> r.row().id()).toList());
        assertEquals(1, redis.batches);
        assertEquals(1, redis.singles);
        assertEquals(List.of(2L, 3L), redis.received, "no duplicates");
    }

    @Test
    void redisDownEndsTheRoundAndBlamesNobody() {
        ConnectException refusedConnection = new ConnectException("Connection refused");
        FakeRedis redis = new FakeRedis(Set.of(), new CompletionException(refusedConnection));

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2), redis);

        assertTrue(outcome.published().isEmpty());
        assertTrue(outcome.blamed().isEmpty());
        assertEquals(List.of(1L, 2L), ids(outcome.failed()));
        assertSame(refusedConnection, outcome.failure().getCause());
    }

    @Test
    void whenRedisRefusesEverythingOnlyTheOldestRowIsBlamed() {
        FakeRedis redis = new FakeRedis(Set.of(1L, 2L, 3L), null);

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2, 3), redis);

        assertTrue(outcome.published().isEmpty());
        assertEquals(
                List.of(1L), outcome.blamed().stream().map(r -> r.row().id()).toList());
        assertEquals(
                List.of(2L, 3L),
                outcome.unblamed().stream().map(r -> r.row().id()).toList());
        assertNull(outcome.failure());
    }

    @Test
    void errorRepliesAboutTheServersStateAreNotRefusals() {
        assertTrue(PublishRound.isRefusal(new CompletionException(ErrorType.create("NOPERM no permissions"))));
        assertTrue(PublishRound.isRefusal(ErrorType.create("ERR Protocol error: invalid bulk length")));
        assertFalse(PublishRound.isRefusal(ErrorType.create("LOADING Redis is loading the dataset in memory")));
        assertFalse(PublishRound.isRefusal(ErrorType.create("OOM command not allowed when used memory > 'maxmemory'")));
        assertFalse(PublishRound.isRefusal(ErrorType.create("BUSY Redis is busy running a script")));
        assertFalse(PublishRound.isRefusal(new CompletionException(new ConnectException("Connection refused"))));
        assertFalse(PublishRound.isRefusal(new io.smallrye.mutiny.TimeoutException()));
    }

    @Test
    void aStateErrorInTheBatchEndsTheRound() {
        RuntimeException loading = new CompletionException(ErrorType.create("LOADING Redis is loading"));
        FakeRedis redis = new FakeRedis(Set.of(), loading);

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2), redis);

        assertSame(loading, outcome.failure());
        assertTrue(outcome.blamed().isEmpty() && outcome.unblamed().isEmpty());
    }

    private static List<OutboxRow> rows(long... ids) {
        List<OutboxRow> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(row(id, 0));
        }
        return rows;
    }

    private static OutboxRow row(long id, int attempts) {
        return new OutboxRow(id, CHAT, "messageAdded", "{\"id\":\"e" + id + "\"}", attempts);
    }

    private static List<Long> ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).toList();
    }
}
