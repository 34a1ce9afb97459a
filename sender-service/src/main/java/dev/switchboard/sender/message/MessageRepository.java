package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import dev.switchboard.sender.membership.Member;
import dev.switchboard.sender.membership.MembershipRepository;
import dev.switchboard.sender.read.UnreadRule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code messages} table. */
@ApplicationScoped
public class MessageRepository {

    // The rest of a send once ADVANCE_SEQ holds the chat row lock, in one statement (one round trip): the message,
    // the sender's read mark (UnreadRule: a send reads the chat up to it), and the members. Its snapshot is taken
    // after the lock was granted, so the members are those every committed change left; being one snapshot, the
    // SELECT sees the member rows as they were before the UPDATE beside it.
    static final String INSERT_AS_SENT =
            """
            WITH inserted AS (
                INSERT INTO messages (id, chat_id, seq, sender_id, content, content_type, client_message_id, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)),
            sender_read AS (
                UPDATE chat_members SET %s
                 WHERE chat_id = $2 AND user_id = $4)
            SELECT %s
              FROM chat_members m
             WHERE m.chat_id = $2
             ORDER BY m.user_id COLLATE "C"
            """.formatted(UnreadRule.MARK_OF_SENDER_AFTER_SEND, MembershipRepository.MEMBER_COLUMNS);

    static final String COLUMNS = """
            id, chat_id, seq, sender_id, content, content_type, client_message_id, created_at, edited_at, deleted
            """;

    // Both pages walk the (chat_id, seq) unique index; one extra row tells whether there is more. $4 is the reader's
    // history floor (membership.HistoryFloor): nothing at or below it is theirs to read.
    static final String PAGE_AFTER = "SELECT " + COLUMNS + """
              FROM messages WHERE chat_id = $1 AND seq > GREATEST($2::bigint, $4::bigint) ORDER BY seq ASC LIMIT $3
            """;

    static final String PAGE_BEFORE = "SELECT " + COLUMNS + """
              FROM messages WHERE chat_id = $1 AND seq < $2 AND seq > $4::bigint ORDER BY seq DESC LIMIT $3
            """;

    // The idempotency lookup walks the unique index messages_client_message_id. Only for a current member: a
    // removed member's retry is a 404 like any other request of theirs.
    static final String BY_CLIENT_MESSAGE_ID = "SELECT " + COLUMNS + """
              FROM messages
             WHERE chat_id = $1 AND sender_id = $2 AND client_message_id = $3
               AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = $1 AND m.user_id = $2)
            """;

    // Admin re-publish: a chat's messages from a seq on, tombstones included, ascending.
    static final String FROM_SEQ = "SELECT " + COLUMNS + """
              FROM messages WHERE chat_id = $1 AND seq >= $2 ORDER BY seq ASC LIMIT $3
            """;

    static final String IN_CHAT = "SELECT " + COLUMNS + """
              FROM messages WHERE id = $1 AND chat_id = $2
            """;

    // clock_timestamp(): the time of the edit itself, after the chat row lock was granted.
    static final String EDIT = """
            UPDATE messages SET content = $2, edited_at = date_trunc('milliseconds', clock_timestamp())
             WHERE id = $1
            RETURNING\s""" + COLUMNS;

    // A tombstone keeps its place (id, seq, sender, times) in the history; only the content goes.
    static final String DELETE = """
            UPDATE messages SET content = NULL, deleted = true
             WHERE id = $1
            RETURNING date_trunc('milliseconds', clock_timestamp()) AS deleted_at,\s""" + COLUMNS;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CLIENT_MESSAGE_ID_INDEX = "messages_client_message_id";

    /**
     * Inserts the message of a send whose seq the caller took (and so holds the chat row lock), and moves the
     * sender's read mark to it.
     *
     * @return the chat's members in id order, their read state as it was before the send (the sender's mark not moved)
     * @throws DuplicateClientMessageIdException (as the Uni's failure) when the clientMessageId was used before
     */
    public Uni<List<Member>> insertAsSent(SqlClient tx, Message m) {
        return tx.preparedQuery(INSERT_AS_SENT)
                .execute(messageRow(m))
                .onFailure(MessageRepository::isClientMessageIdClash)
                .transform(e -> new DuplicateClientMessageIdException(m.clientMessageId()))
                .map(MembershipRepository::toMembers);
    }

    /**
     * Up to {@code limit + 1} rows so the caller can tell whether there is more; none at or below {@code historyFloor}
     * (what the reader may not read, {@code membership.HistoryFloor}).
     */
    public Uni<List<Message>> page(SqlClient client, UUID chatId, PageRequest page, long historyFloor) {
        String sql = page.direction() == PageRequest.Direction.AFTER ? PAGE_AFTER : PAGE_BEFORE;
        return client.preparedQuery(sql)
                .execute(Tuple.of(chatId, page.seq(), page.limit() + 1, historyFloor))
                .map(MessageRepository::toMessages);
    }

    /** Up to {@code limit} messages with seq at or above {@code fromSeq}, ascending. */
    public Uni<List<Message>> fromSeq(SqlClient client, UUID chatId, long fromSeq, int limit) {
        return client.preparedQuery(FROM_SEQ)
                .execute(Tuple.of(chatId, fromSeq, limit))
                .map(MessageRepository::toMessages);
    }

    /** The message this sender already sent with this clientMessageId; null if none, or if they are no member. */
    public Uni<Message> findByClientMessageId(SqlClient client, UUID chatId, String senderId, String clientMessageId) {
        return client.preparedQuery(BY_CLIENT_MESSAGE_ID)
                .execute(Tuple.of(chatId, senderId, clientMessageId))
                .map(MessageRepository::firstOrNull);
    }

    /** Null when the chat has no message with this id. */
    public Uni<Message> findInChat(SqlClient client, UUID chatId, UUID messageId) {
        return client.preparedQuery(IN_CHAT)
                .execute(Tuple.of(messageId, chatId))
                .map(MessageRepository::firstOrNull);
    }

    /** @return the message after the edit, {@code editedAt} set */
    public Uni<Message> edit(SqlClient tx, UUID messageId, String content) {
        return tx.preparedQuery(EDIT).execute(Tuple.of(messageId, content)).map(MessageRepository::firstOrNull);
    }

    /** Turns the message into a tombstone. */
    public Uni<Deletion> delete(SqlClient tx, UUID messageId) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(messageId)).map(rows -> {
            Row row = rows.iterator().next();
            return new Deletion(
                    MessageRows.toMessage(row, ""),
                    row.getOffsetDateTime("deleted_at").toInstant());
        });
    }

    private static Tuple messageRow(Message m) {
        return Tuple.tuple()
                .addUUID(m.id())
                .addUUID(m.chatId())
                .addLong(m.seq())
                .addString(m.senderId())
                .addString(m.content())
                .addString(m.contentType())
                .addString(m.clientMessageId())
                .addOffsetDateTime(m.createdAt().atOffset(ZoneOffset.UTC));
    }

    private static boolean isClientMessageIdClash(Throwable e) {
        return e instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && pg.getErrorMessage() != null
                && pg.getErrorMessage().contains(CLIENT_MESSAGE_ID_INDEX);
    }

    private static Message firstOrNull(RowSet<Row> rows) {
        return rows.size() == 0 ? null : MessageRows.toMessage(rows.iterator().next(), "");
    }

    private static List<Message> toMessages(RowSet<Row> rows) {
        List<Message> messages = new ArrayList<>(rows.size());
        for (Row row : rows) {
            messages.add(MessageRows.toMessage(row, ""));
        }
        return messages;
    }

    /** The tombstone a delete left, and when the delete happened. */
    public record Deletion(Message tombstone, Instant at) {}
}
