package dev.switchboard.sender.receipt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The delivered mark of {@code chat_members} and the coalescing tables {@code receipt_change} and
 * {@code receipt_flush} (migration V8). Every statement that changes them runs under the chat row lock.
 */
@ApplicationScoped
public class ReceiptRepository {

    // After the lock: a statement of its own, so it sees every change committed while this transaction waited.
    static final String MEMBER_MARKS = """
            SELECT c.last_seq, c.member_count, m.last_delivered_seq, m.last_read_seq
              FROM chats c JOIN chat_members m ON m.chat_id = c.id
             WHERE c.id = $1 AND m.user_id = $2
            """;

    static final String MARK_DELIVERED = """
            UPDATE chat_members SET last_delivered_seq = $3 WHERE chat_id = $1 AND user_id = $2
            """;

    // The chat's next event is due one interval after the first change since its last one; later changes join it.
    static final String QUEUE_CHANGE = """
            WITH changed AS (
                INSERT INTO receipt_change (chat_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING)
            INSERT INTO receipt_flush (chat_id, due_at)
            VALUES ($1, clock_timestamp() + make_interval(secs => $3::double precision / 1000))
            ON CONFLICT DO NOTHING
            """;

    static final String DUE = """
            SELECT chat_id FROM receipt_flush WHERE due_at <= clock_timestamp() ORDER BY due_at LIMIT $1
            """;

    // Nothing comes back when another sender flushed the chat first (it held the lock before this one).
    static final String TAKE_FLUSH = """
            DELETE FROM receipt_flush WHERE chat_id = $1 AND due_at <= clock_timestamp() RETURNING chat_id
            """;

    static final String TAKE_CHANGES = """
            DELETE FROM receipt_change WHERE chat_id = $1 RETURNING user_id
            """;

    static final String TICKS = "SELECT min(" + ReceiptRule.deliveredSql("m") + ") AS delivered, "
            + "min(m.last_read_seq) AS read, max(c.last_seq) AS last_seq FROM chat_members m JOIN chats c "
            + "ON c.id = m.chat_id WHERE m.chat_id = $1";

    /** The chat's size and last seq and the member's marks, or null when they are not a member. */
    public Uni<MemberMarks> memberMarks(SqlClient tx, UUID chatId, String userId) {
        return tx.preparedQuery(MEMBER_MARKS).execute(Tuple.of(chatId, userId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new MemberMarks(
                    row.getLong("last_seq"),
                    row.getInteger("member_count"),
                    row.getLong("last_delivered_seq"),
                    row.getLong("last_read_seq"));
        });
    }

    public Uni<Void> markDelivered(SqlClient tx, UUID chatId, String userId, long seq) {
        return tx.preparedQuery(MARK_DELIVERED)
                .execute(Tuple.of(chatId, userId, seq))
                .replaceWithVoid();
    }

    public Uni<Void> queueChange(SqlClient tx, UUID chatId, String userId, Duration interval) {
        return tx.preparedQuery(QUEUE_CHANGE)
                .execute(Tuple.of(chatId, userId, interval.toMillis()))
                .replaceWithVoid();
    }

    /** Chats whose receipt event is due, longest waiting first. */
    public Uni<List<UUID>> due(SqlClient client, int limit) {
        return client.preparedQuery(DUE).execute(Tuple.of(limit)).map(rows -> {
            List<UUID> chats = new ArrayList<>(rows.size());
            rows.forEach(row -> chats.add(row.getUUID("chat_id")));
            return chats;
        });
    }

    /** @return whether this transaction took the chat's due flush (false: someone else did, or it is not due) */
    public Uni<Boolean> takeFlush(SqlClient tx, UUID chatId) {
        return tx.preparedQuery(TAKE_FLUSH).execute(Tuple.of(chatId)).map(rows -> rows.size() > 0);
    }

    /** The members whose marks moved since the last flush, forgotten as they are returned. */
    public Uni<List<String>> takeChanges(SqlClient tx, UUID chatId) {
        return tx.preparedQuery(TAKE_CHANGES).execute(Tuple.of(chatId)).map(rows -> {
            List<String> users = new ArrayList<>(rows.size());
            rows.forEach(row -> users.add(row.getString("user_id")));
            return users;
        });
    }

    /** The chat's ticks and last seq: one aggregate over its members (at most the member limit of rows). */
    public Uni<TicksAt> ticks(SqlClient client, UUID chatId) {
        return client.preparedQuery(TICKS).execute(Tuple.of(chatId)).map(rows -> {
            Row row = rows.iterator().next();
            Long delivered = row.getLong("delivered");
            return new TicksAt(
                    new ReceiptTicks(
                            delivered == null ? 0 : delivered, row.getLong("read") == null ? 0 : row.getLong("read")),
                    row.getLong("last_seq") == null ? 0 : row.getLong("last_seq"));
        });
    }

    /** A member's marks as stored, with the chat's last seq and member count. */
    public record MemberMarks(long lastSeq, int memberCount, long lastDeliveredSeq, long lastReadSeq) {

        public long delivered() {
            return ReceiptRule.delivered(lastDeliveredSeq, lastReadSeq);
        }
    }

    /** The ticks of a chat and its last seq, read in one statement. */
    public record TicksAt(ReceiptTicks ticks, long lastSeq) {}
}
