package dev.switchboard.sender.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The {@code outbox_dead_letter} table; rows arrive from the relay ({@link OutboxRepository#deadLetter}). */
@ApplicationScoped
public class DeadLetterRepository {

    // The event id without parsing (a poison payload need not be JSON): the codec writes {"v":1,"id":"..." first.
    static final String LIST = """
            SELECT id, event_type, chat_id, substring(left(payload, 200) from '"id":"([^"]*)"') AS event_id,
                   attempts, last_error, created_at, dead_lettered_at
              FROM outbox_dead_letter ORDER BY id LIMIT $1
            """;

    static final String COUNT = """
            SELECT count(*) AS total FROM outbox_dead_letter
            """;

    // Back at the end of the queue under a new id, with a clean slate; one statement, so never in both tables.
    static final String RETRY = """
            WITH moved AS (
                DELETE FROM outbox_dead_letter WHERE id = $1 RETURNING partition, chat_id, event_type, payload)
            INSERT INTO outbox (partition, chat_id, event_type, payload)
            SELECT partition, chat_id, event_type, payload FROM moved
            RETURNING id
            """;

    public Uni<List<DeadLetter>> oldest(SqlClient client, int limit) {
        return client.preparedQuery(LIST).execute(Tuple.of(limit)).map(rows -> {
            List<DeadLetter> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                result.add(new DeadLetter(
                        row.getLong("id"),
                        row.getString("event_type"),
                        row.getUUID("chat_id"),
                        row.getString("event_id"),
                        row.getInteger("attempts"),
                        row.getString("last_error"),
                        row.getOffsetDateTime("created_at").toInstant(),
                        row.getOffsetDateTime("dead_lettered_at").toInstant()));
            }
            return result;
        });
    }

    public Uni<Long> count(SqlClient client) {
        return client.query(COUNT).execute().map(rows -> rows.iterator().next().getLong("total"));
    }

    /** @return the new outbox id, null when there is no such dead letter */
    public Uni<Long> retry(SqlClient tx, long id) {
        return tx.preparedQuery(RETRY)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    }
}
