package dev.switchboard.sender.read;

import dev.switchboard.sender.membership.ChatCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The read state columns of {@code chat_members}: {@code last_read_seq} and {@code uncounted_above_mark}, from which
 * unread counts are derived ({@link UnreadRule}). Every change runs in a transaction that holds
 * the chat row lock, so a derived count is always exactly the rule: messages above the read mark, not the member's
 * own, not deleted.
 */
@ApplicationScoped
public class ReadStateRepository {

    // The deleted messages from others above the new mark are all that does not count above it (own messages are
    // never above a mark). Walks the partial index messages_deleted: usually no row at all.
    static final String MARK_READ = """
            WITH marked AS (
                UPDATE chat_members
                   SET last_read_seq = $3,
                       uncounted_above_mark = (SELECT count(*) FROM messages x
                                                WHERE x.chat_id = $1 AND x.seq > $3 AND x.deleted
                                                  AND x.sender_id <> $2)
                 WHERE chat_id = $1 AND user_id = $2
                RETURNING last_read_seq, uncounted_above_mark)
            SELECT """ + UnreadRule.countSql("m", "c.last_seq") + """
                   AS unread_count,
                   date_trunc('milliseconds', clock_timestamp()) AS read_at
              FROM marked m, chats c WHERE c.id = $1
            """;

    // A deleted message no longer counts for the members who had not read it (its sender never counted it).
    static final String UNCOUNT_DELETED = """
            WITH uncounted AS (
                UPDATE chat_members SET uncounted_above_mark = uncounted_above_mark + 1
                 WHERE chat_id = $1 AND user_id <> $2 AND last_read_seq < $3
                RETURNING user_id, last_read_seq, uncounted_above_mark)
            SELECT m.user_id, """ + UnreadRule.countSql("m", "c.last_seq") + """
               AS unread_count
              FROM uncounted m, chats c WHERE c.id = $1
            """;

    // One page of the user's chats with unread messages, keyset on (last activity, chat id) like the chat list.
    static final String UNREAD_OF_USER = """
            SELECT m.chat_id, c.last_activity_at, %1$s AS unread_count
              FROM chat_members m JOIN chats c ON c.id = m.chat_id
             WHERE m.user_id = $1 AND %1$s > 0
               AND ($2::timestamptz IS NULL OR (c.last_activity_at, c.id) < ($2::timestamptz, $3::uuid))
             ORDER BY c.last_activity_at DESC, c.id DESC
             LIMIT $4
            """.formatted(UnreadRule.countSql("m", "c.last_seq"));

    // The sum over every chat of the user: one aggregate, however many pages the list has.
    static final String UNREAD_TOTAL = """
            SELECT coalesce(sum(%1$s), 0) AS total
              FROM chat_members m JOIN chats c ON c.id = m.chat_id
             WHERE m.user_id = $1 AND %1$s > 0
            """.formatted(UnreadRule.countSql("m", "c.last_seq"));

    /** Moves the mark to {@code seq} (the caller made sure it is forward) and recounts. */
    public Uni<Mark> markRead(SqlClient tx, UUID chatId, String userId, long seq) {
        return tx.preparedQuery(MARK_READ)
                .execute(Tuple.of(chatId, userId, seq))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Mark(
                            seq,
                            row.getLong("unread_count"),
                            row.getOffsetDateTime("read_at").toInstant());
                });
    }

    /** @return the counts of the members for whom the deleted message was unread, after the delete */
    public Uni<Map<String, Long>> uncountDeleted(SqlClient tx, UUID chatId, String senderId, long seq) {
        return tx.preparedQuery(UNCOUNT_DELETED)
                .execute(Tuple.of(chatId, senderId, seq))
                .map(ReadStateRepository::counts);
    }

    /** Up to {@code limit} of the user's chats with unread messages after {@code after}, latest activity first. */
    public Uni<List<UnreadEntry>> unreadOf(SqlClient client, String userId, ChatCursor after, int limit) {
        Tuple args = Tuple.tuple()
                .addString(userId)
                .addOffsetDateTime(after == null ? null : after.lastActivityAt().atOffset(ZoneOffset.UTC))
                .addUUID(after == null ? null : after.chatId())
                .addInteger(limit);
        return client.preparedQuery(UNREAD_OF_USER).execute(args).map(rows -> {
            List<UnreadEntry> chats = new ArrayList<>(rows.size());
            for (Row row : rows) {
                UUID chatId = row.getUUID("chat_id");
                chats.add(new UnreadEntry(
                        new UnreadChat(chatId, row.getLong("unread_count")),
                        new ChatCursor(row.getOffsetDateTime("last_activity_at").toInstant(), chatId)));
            }
            return chats;
        });
    }

    /** The sum of the user's unread counts over all their chats. */
    public Uni<Long> unreadTotal(SqlClient client, String userId) {
        return client.preparedQuery(UNREAD_TOTAL)
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    /** One row of the unread list and the cursor that continues after it. */
    public record UnreadEntry(UnreadChat chat, ChatCursor cursor) {}

    private static Map<String, Long> counts(RowSet<Row> rows) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : rows) {
            counts.put(row.getString("user_id"), row.getLong("unread_count"));
        }
        return counts;
    }

    /** A read mark after it moved: where it is, what is left unread, when. */
    public record Mark(long lastReadSeq, long unreadCount, Instant readAt) {}
}
