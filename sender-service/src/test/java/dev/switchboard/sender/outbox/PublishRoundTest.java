package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PublishRoundTest {

    private static final UUID CHAT = UUID.randomUUID();

    /** A transport as a test wants it: refuses some rows, or is down; records what reached it, in order. */
    static final class FakeTransport implements PublishRound.Transport {
        final Set<Long> refused;
        final RuntimeException down;
        final List<Long> received = new ArrayList<>();
        final List<Integer> calls = new ArrayList<>();

        FakeTransport(Set<Long> refused, RuntimeException down) {
            this.refused = refused;
            this.down = down;
        }

        @Override
        public List<PublishResult> publish(List<OutboxRow> rows) {
            calls.add(rows.size());
            if (down != null) {
                throw down;
            }
            List<PublishResult> results = new ArrayList<>();
            for (OutboxRow row : rows) {
                if (refused.contains(row.id())) {
                    results.add(new PublishResult.Refused(new IllegalArgumentException("NOPERM")));
                } else {
                    received.add(row.id());
                    results.add(PublishResult.PUBLISHED);
                }
            }
            return results;
        }
    }

    @Test
    void aFencedRoundEndsAtOnceAndBlamesNobody() {
        List<Integer> calls = new ArrayList<>();
        PublishRound.Outcome outcome = PublishRound.run(List.of(row(1, 1), row(2, 0), row(3, 0)), rows -> {
            calls.add(rows.size());
            return rows.stream()
                    .map(r -> (PublishResult) new PublishResult.Fenced(7))
                    .toList();
        });

        assertTrue(outcome.fenced());
        assertEquals(7, outcome.fence(), "the newer epoch, for the relay to step past");
        assertEquals(List.of(1), calls, "nothing more is offered once fenced");
        assertTrue(outcome.published().isEmpty());
        assertTrue(outcome.blamed().isEmpty());
        assertTrue(outcome.unblamed().isEmpty());
        assertNull(outcome.failure());
    }

    @Test
    void aHealthyRoundIsOnePipelinedBatch() {
        FakeTransport redis = new FakeTransport(Set.of(), null);

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2, 3), redis);

        assertEquals(List.of(1L, 2L, 3L), ids(outcome.published()));
        assertEquals(List.of(3), redis.calls);
        assertFalse(outcome.refusedAny());
        assertNull(outcome.failure());
    }

    @Test
    void aRefusedRowIsBlamedWhileTheOthersArePublished() {
        FakeTransport redis = new FakeTransport(Set.of(2L), null);

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2, 3), redis);

        assertEquals(List.of(1L, 3L), ids(outcome.published()));
        assertEquals(
                List.of(2L), outcome.blamed().stream().map(r -> r.row().id()).toList());
        assertTrue(outcome.unblamed().isEmpty());
        assertNull(outcome.failure());
        assertEquals(List.of(1L, 3L), redis.received);
    }

    @Test
    void aRowRefusedBeforeIsTriedAloneFirstSoTheBatchOfTheOthersStaysWhole() {
        FakeTransport redis = new FakeTransport(Set.of(1L), null);
        List<OutboxRow> rows = List.of(row(1, 2), row(2, 0), row(3, 0));

        PublishRound.Outcome outcome = PublishRound.run(rows, redis);

        assertEquals(List.of(2L, 3L), ids(outcome.published()));
        assertEquals(
                List.of(1L), outcome.blamed().stream().map(r -> r.row().id()).toList());
        assertEquals(List.of(1, 2), redis.calls, "the suspect alone, then the others in one call");
        assertEquals(List.of(2L, 3L), redis.received, "no duplicates");
    }

    @Test
    void redisDownEndsTheRoundAndBlamesNobody() {
        ConnectException refusedConnection = new ConnectException("Connection refused");
        FakeTransport redis = new FakeTransport(Set.of(), new CompletionException(refusedConnection));

        PublishRound.Outcome outcome = PublishRound.run(rows(1, 2), redis);

        assertTrue(outcome.published().isEmpty());
        assertTrue(outcome.blamed().isEmpty());
        assertEquals(List.of(1L, 2L), ids(outcome.failed()));
        assertSame(refusedConnection, outcome.failure().getCause());
    }

    @Test
    void whenRedisRefusesEverythingOnlyTheOldestRowIsBlamed() {
        FakeTransport redis = new FakeTransport(Set.of(1L, 2L, 3L), null);

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
    void aStateErrorInTheBatchEndsTheRound() {
        RuntimeException loading = new CompletionException(new IllegalStateException("LOADING Redis is loading"));
        FakeTransport redis = new FakeTransport(Set.of(), loading);

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
        return new OutboxRow(id, 0, CHAT, "messageAdded", "{\"id\":\"e" + id + "\"}", attempts);
    }

    private static List<Long> ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).toList();
    }
}
