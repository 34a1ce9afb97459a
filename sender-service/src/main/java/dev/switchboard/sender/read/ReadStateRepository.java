package dev.switchboard.sender.read;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The read state columns of {@code chat_members}: {@code last_read_seq} and {@code unread_count}. Every change runs
 * in a transaction that holds the chat row lock, so the stored count is always exactly the rule: messages above
 * the read mark, not the member's own, not deleted.
 */
@ApplicationScoped
public class ReadStateRepository {

    // A new message: one more unread for everyone but its sender, who has read the chat up to it.
    static final String COUNT_NEW_MESSAGE = """
            UPDATE chat_members
               SET unread_count = CASE WHEN user_id = $2 THEN 0 ELSE unread_count + 1 END,
                   last_read_seq = CASE WHEN user_id = $2 THEN GREATEST(last_read_seq, $3) ELSE last_read_seq END
             WHERE chat_id = $1
            RETURNING user_id, unread_count
            """;

    // Recounted rather than decremented: the tail above the new mark is short, and a recount cannot drift.
    static final String MARK_READ = """
            UPDATE chat_members
               SET last_read_seq = $3,
                   unread_count = (SELECT count(*) FROM messages x
                                    WHERE x.chat_id = $1 AND x.seq > $3 AND x.sender_id <> $2 AND NOT x.deleted)
             WHERE chat_id = $1 AND user_id = $2
            RETURNING unread_count, date_trunc('milliseconds', clock_timestamp()) AS read_at
            """;

    // A deleted message no longer counts for the members who had not read it (its sender never counted it).
    static final String UNCOUNT_DELETED = """
            UPDATE chat_members SET unread_count = GREATEST(unread_count - 1, 0)
             WHERE chat_id = $1 AND user_id <> $2 AND last_read_seq < $3
            RETURNING user_id, unread_count
            """;

    static final String UNREAD_OF_USER = """
            SELECT m.chat_id, m.unread_count
              FROM chat_members m JOIN chats c ON c.id = m.chat_id
             WHERE m.user_id = $1 AND m.unread_count > 0
             ORDER BY c.last_activity_at DESC, c.id DESC
            """;

    /** @return every member's count after the message with {@code seq} from {@code senderId} was added */
    public Uni<Map<String, Long>> countNewMessage(SqlClient tx, UUID chatId, String senderId, long seq) {
        return tx.preparedQuery(COUNT_NEW_MESSAGE).execute(Tuple.of(chatId, senderId, seq))
                .map(ReadStateRepository::counts);
    }

    /** Moves the mark to {@code seq} (the caller made sure it is forward) and recounts. */
    public Uni<Mark> markRead(SqlClient tx, UUID chatId, String userId, long seq) {
        return tx.preparedQuery(MARK_READ).execute(Tuple.of(chatId, userId, seq)).map(rows -> {
            Row row = rows.iterator().next();
            return new Mark(seq, row.getLong("unread_count"), row.getOffsetDateTime("read_at").toInstant());
        });
    }

    /** @return the counts of the members for whom the deleted message was unread, after the delete */
    public Uni<Map<String, Long>> uncountDeleted(SqlClient tx, UUID chatId, String senderId, long seq) {
        return tx.preparedQuery(UNCOUNT_DELETED).execute(Tuple.of(chatId, senderId, seq))
                .map(ReadStateRepository::counts);
    }

    /** The user's chats with unread messages, latest activity first. */
    public Uni<List<UnreadChat>> unreadOf(SqlClient client, String userId) {
        return client.preparedQuery(UNREAD_OF_USER).execute(Tuple.of(userId)).map(rows -> {
            List<UnreadChat> chats = new ArrayList<>(rows.size());
            for (Row row : rows) {
                chats.add(new UnreadChat(row.getUUID("chat_id"), row.getLong("unread_count")));
            }
            return chats;
        });
    }

    private static Map<String, Long> counts(RowSet<Row> rows) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : rows) {
            counts.put(row.getString("user_id"), row.getLong("unread_count"));
        }
        return counts;
    }

    /** A read mark after it moved: where it is, what is left unread, when. */
    public record Mark(long lastReadSeq, long unreadCount, Instant readAt) {
    }
}
