package dev.switchboard.sender.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code outbox} table: rows are inserted inside domain transactions and read, deleted or marked failed by
 * the relay, always on the relay's own connection (the one holding the leader lock).
 */
@ApplicationScoped
public class OutboxRepository {

    static final String INSERT = """
            INSERT INTO outbox (chat_id, event_type, payload) VALUES ($1, $2, $3)
            """;

    // Delivered by PostgreSQL only when (and if) the transaction commits.
    static final String NOTIFY = """
            SELECT pg_notify($1, '')
            """;

    // By id: within a chat ids follow commit order (the chat row lock serialises its transactions). Rows of
    // transactions still in flight are invisible here and picked up by a later round: rows are deleted, never
    // skipped by a high-water mark, so a lower id committing late is not lost.
    static final String OLDEST = """
            SELECT id, event_type, payload FROM outbox ORDER BY id LIMIT $1
            """;

    static final String DELETE = """
            DELETE FROM outbox WHERE id = ANY($1)
            """;

    static final String MARK_FAILED = """
            UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)
            """;

    /** Inserts in list order, so ids (and thus publish order) follow it. */
    public Uni<Void> insert(SqlClient tx, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = entries.stream()
                .map(e -> Tuple.of(e.chatId(), e.eventType(), e.payload()))
                .toList();
        return tx.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Void> notify(SqlClient tx, String channel) {
        return tx.preparedQuery(NOTIFY).execute(Tuple.of(channel)).replaceWithVoid();
    }

    public Uni<List<OutboxRow>> oldest(SqlClient client, int limit) {
        return client.preparedQuery(OLDEST).execute(Tuple.of(limit)).map(rows -> {
            List<OutboxRow> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                result.add(new OutboxRow(row.getLong("id"), row.getString("event_type"), row.getString("payload")));
            }
            return result;
        });
    }

    public Uni<Void> delete(SqlClient client, List<OutboxRow> rows) {
        return client.preparedQuery(DELETE).execute(Tuple.of(ids(rows))).replaceWithVoid();
    }

    public Uni<Void> markFailed(SqlClient client, List<OutboxRow> rows, String error) {
        return client.preparedQuery(MARK_FAILED).execute(Tuple.of(ids(rows), error)).replaceWithVoid();
    }

    private static Long[] ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).toArray(Long[]::new);
    }

    /** A row to insert. */
    public record OutboxEntry(UUID chatId, String eventType, String payload) {
    }
}
