package dev.switchboard.sender.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code outbox} table: rows are inserted inside domain transactions and read, deleted, marked failed or
 * dead-lettered by the relay, always on the relay's own connection (the one holding the partitions' locks).
 */
@ApplicationScoped
public class OutboxRepository {

    // The rows and the NOTIFY in one statement (one round trip). The function scan yields the arrays in order, so the
    // ids the rows draw from the sequence follow the list. The notification is delivered by PostgreSQL only when
    // (and if) the transaction commits; its payload names the rows' partitions, so that only their relay reads.
    static final String INSERT_AND_NOTIFY = """
            WITH inserted AS (
                INSERT INTO outbox (chat_id, partition, event_type, payload)
                SELECT e.chat_id, e.partition, e.event_type, e.payload
                  FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[])
                       WITH ORDINALITY AS e (chat_id, partition, event_type, payload, n)
                 ORDER BY e.n)
            SELECT pg_notify($5, $6)
            """;

    // For a transaction that adds rows by other means (the admin's dead-letter retry).
    static final String NOTIFY = """
            SELECT pg_notify($1, '')
            """;

    // The oldest rows of each partition asked for, at most $2 of each, by id through the (partition, id) index: within
    // a chat ids follow commit order (the chat row lock serialises its transactions), and a partition flooded with
    // rows gives the others' rows their turn in every round. Rows of transactions still in flight are invisible here
    // and picked up by a later round: rows are deleted, never skipped by a high-water mark, so a lower id committing
    // late is not lost.
    static final String OLDEST = """
            SELECT o.id, o.partition, o.chat_id, o.event_type, o.payload, o.attempts
              FROM unnest($1::int[]) AS wanted (partition)
              CROSS JOIN LATERAL (
                    SELECT id, partition, chat_id, event_type, payload, attempts
                      FROM outbox
                     WHERE outbox.partition = wanted.partition
                     ORDER BY id
                     LIMIT $2) AS o
             ORDER BY o.partition, o.id
            """;

    static final String DELETE = """
            DELETE FROM outbox WHERE id = ANY($1)
            """;

    // Not the rows' fault (Redis down, a timeout): say why, count nothing.
    static final String RECORD_ERROR = """
            UPDATE outbox SET last_error = $2 WHERE id = ANY($1)
            """;

    // Redis refused this very row: one more attempt towards switchboard.outbox.max-attempts.
    static final String REFUSED = """
            UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1 RETURNING attempts
            """;

    // One statement, so the row is in exactly one of the two tables whatever happens.
    static final String DEAD_LETTER = """
            WITH moved AS (
                DELETE FROM outbox WHERE id = $1
                RETURNING id, partition, chat_id, event_type, payload, created_at, attempts, last_error)
            INSERT INTO outbox_dead_letter (id, partition, chat_id, event_type, payload, created_at, attempts, last_error)
            SELECT id, partition, chat_id, event_type, payload, created_at, attempts, last_error FROM moved
            """;

    // For the gauges: a count and a min per partition, every few seconds (not per scrape).
    static final String STATS = """
            SELECT partition, count(*) AS pending, min(created_at) AS oldest FROM outbox GROUP BY partition
            """;

    /** Inserts in list order, so ids (and thus publish order) follow it, and notifies {@code channel} at commit. */
    public Uni<Void> insertAndNotify(SqlClient tx, List<OutboxEntry> entries, String channel) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] chatIds = new UUID[entries.size()];
        Integer[] partitions = new Integer[entries.size()];
        String[] types = new String[entries.size()];
        String[] payloads = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            chatIds[i] = entries.get(i).chatId();
            partitions[i] = entries.get(i).partition();
            types[i] = entries.get(i).eventType();
            payloads[i] = entries.get(i).payload();
        }
        String notified =
                Arrays.stream(partitions).distinct().map(String::valueOf).collect(Collectors.joining(","));
        return tx.preparedQuery(INSERT_AND_NOTIFY)
                .execute(Tuple.tuple(List.of(chatIds, partitions, types, payloads, channel, notified)))
                .replaceWithVoid();
    }

    public Uni<Void> notify(SqlClient tx, String channel) {
        return tx.preparedQuery(NOTIFY).execute(Tuple.of(channel)).replaceWithVoid();
    }

    /** @return the oldest rows of each of {@code partitions}, at most {@code limit} each, by partition then id */
    public Uni<List<OutboxRow>> oldest(SqlClient client, int[] partitions, int limit) {
        Integer[] wanted = new Integer[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            wanted[i] = partitions[i];
        }
        return client.preparedQuery(OLDEST).execute(Tuple.of(wanted, limit)).map(rows -> {
            List<OutboxRow> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                result.add(new OutboxRow(
                        row.getLong("id"),
                        row.getInteger("partition"),
                        row.getUUID("chat_id"),
                        row.getString("event_type"),
                        row.getString("payload"),
                        row.getInteger("attempts")));
            }
            return result;
        });
    }

    public Uni<Void> delete(SqlClient client, List<OutboxRow> rows) {
        return client.preparedQuery(DELETE).execute(Tuple.of(ids(rows))).replaceWithVoid();
    }

    /** Records why the rows were not published, without counting an attempt against them. */
    public Uni<Void> recordError(SqlClient client, List<OutboxRow> rows, String error) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(RECORD_ERROR)
                .execute(Tuple.of(ids(rows), error))
                .replaceWithVoid();
    }

    /** @return the row's attempts after this refusal (0 when the row is gone) */
    public Uni<Integer> markRefused(SqlClient client, OutboxRow row, String error) {
        return client.preparedQuery(REFUSED)
                .execute(Tuple.of(row.id(), error))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("attempts"));
    }

    /** Moves the row to outbox_dead_letter. */
    public Uni<Void> deadLetter(SqlClient client, OutboxRow row) {
        return client.preparedQuery(DEAD_LETTER).execute(Tuple.of(row.id())).replaceWithVoid();
    }

    /** Per partition that has rows; a row left without a partition (before its backfill) counts under -1. */
    public Uni<List<Stats>> stats(SqlClient client) {
        return client.query(STATS).execute().map(rows -> {
            List<Stats> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Integer partition = row.getInteger("partition");
                OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                result.add(new Stats(
                        partition == null ? -1 : partition,
                        row.getLong("pending"),
                        oldest == null ? null : oldest.toInstant()));
            }
            return result;
        });
    }

    private static Long[] ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    }

    /** A row to insert. */
    public record OutboxEntry(UUID chatId, int partition, String eventType, String payload) {}

    /** How many rows of a partition wait, and since when the oldest. */
    public record Stats(int partition, long pending, Instant oldest) {}
}
