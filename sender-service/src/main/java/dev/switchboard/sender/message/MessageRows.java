package dev.switchboard.sender.message;

import dev.switchboard.events.Message;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** Reads a {@link Message} from a result row, for every query that selects the message columns. */
public final class MessageRows {

    private MessageRows() {}

    /** @param prefix of the column names ({@code ""} for a plain select, e.g. {@code "lm_"} for a joined one) */
    public static Message toMessage(Row row, String prefix) {
        OffsetDateTime editedAt = row.getOffsetDateTime(prefix + "edited_at");
        return new Message(
                row.getUUID(prefix + "id"),
                row.getUUID(prefix + "chat_id"),
                row.getLong(prefix + "seq"),
                row.getString(prefix + "sender_id"),
                row.getString(prefix + "content"),
                row.getString(prefix + "content_type"),
                row.getString(prefix + "client_message_id"),
                row.getOffsetDateTime(prefix + "created_at").toInstant(),
                editedAt == null ? null : editedAt.toInstant(),
                row.getBoolean(prefix + "deleted"));
    }
}
