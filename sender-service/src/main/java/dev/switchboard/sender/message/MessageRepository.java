package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code messages} table. */
@ApplicationScoped
public class MessageRepository {

    static final String INSERT = """
            INSERT INTO messages (id, chat_id, seq, sender_id, content, content_type, client_message_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """;

    static final String COLUMNS = """
            id, chat_id, seq, sender_id, content, content_type, client_message_id, created_at, edited_at, deleted
            """;

    // Both pages walk the (chat_id, seq) unique index; one extra row tells whether there is more.
    static final String PAGE_AFTER = "SELECT " + COLUMNS + """
              FROM messages WHERE chat_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3
            """;

    static final String PAGE_BEFORE = "SELECT " + COLUMNS + """
              FROM messages WHERE chat_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3
            """;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CLIENT_MESSAGE_ID_INDEX = "messages_client_message_id";

    /** @throws DuplicateClientMessageIdException (as the Uni's failure) when the clientMessageId was used before */
    public Uni<Void> insert(SqlClient tx, Message m) {
        Tuple row = Tuple.tuple()
                .addUUID(m.id()).addUUID(m.chatId()).addLong(m.seq()).addString(m.senderId())
                .addString(m.content()).addString(m.contentType()).addString(m.clientMessageId())
                .addOffsetDateTime(m.createdAt().atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(INSERT).execute(row)
                .onFailure(MessageRepository::isClientMessageIdClash)
                .transform(e -> new DuplicateClientMessageIdException(m.clientMessageId()))
                .replaceWithVoid();
    }

    /** Up to {@code limit + 1} rows so the caller can tell whether there is more. */
    public Uni<List<Message>> page(SqlClient client, UUID chatId, PageRequest page) {
        String sql = page.direction() == PageRequest.Direction.AFTER ? PAGE_AFTER : PAGE_BEFORE;
        return client.preparedQuery(sql).execute(Tuple.of(chatId, page.seq(), page.limit() + 1))
                .map(MessageRepository::toMessages);
    }

    private static boolean isClientMessageIdClash(Throwable e) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && pg.getErrorMessage() != null && pg.getErrorMessage().contains(CLIENT_MESSAGE_ID_INDEX);
    }

    private static List<Message> toMessages(RowSet<Row> rows) {
        List<Message> messages = new ArrayList<>(rows.size());
        for (Row row : rows) {
            OffsetDateTime editedAt = row.getOffsetDateTime("edited_at");
            messages.add(new Message(row.getUUID("id"), row.getUUID("chat_id"), row.getLong("seq"),
                    row.getString("sender_id"), row.getString("content"), row.getString("content_type"),
                    row.getString("client_message_id"), row.getOffsetDateTime("created_at").toInstant(),
                    editedAt == null ? null : editedAt.toInstant(), row.getBoolean("deleted")));
        }
        return messages;
    }
}
