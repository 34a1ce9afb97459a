package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The {@code chats} and {@code chat_members} tables. Methods take the client to run on: the pool for single
 * reads, the transaction's connection for anything that must commit together with other rows.
 * Members are always ordered by {@code COLLATE "C"} (byte order), which for user ids equals Java's String order.
 */
@ApplicationScoped
public class ChatRepository {

    // now() is the transaction's start: one time for the chat row and its members.
    static final String INSERT_CHAT = """
            INSERT INTO chats (id, name, created_by, created_at, last_seq, last_activity_at)
            VALUES ($1, $2, $3, date_trunc('milliseconds', now()), 0, date_trunc('milliseconds', now()))
            RETURNING created_at
            """;

    static final String INSERT_MEMBERS = """
            INSERT INTO chat_members (chat_id, user_id, joined_at)
            SELECT $1, member, $2 FROM unnest($3::text[]) AS member
            """;

    static final String FIND_FOR_MEMBER = """
            SELECT c.id, c.name, c.created_by, c.created_at, c.last_seq,
                   ARRAY(SELECT m.user_id FROM chat_members m WHERE m.chat_id = c.id
                         ORDER BY m.user_id COLLATE "C") AS member_ids
              FROM chats c
             WHERE c.id = $1
               AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = c.id AND m.user_id = $2)
            """;

    // The row lock taken here is held to commit: sends to one chat are serialised, so seqs have no gaps and the
    // outbox ids of a chat follow commit order. clock_timestamp(), not now(): the time after the lock was granted.
    static final String ADVANCE_SEQ = """
            UPDATE chats
               SET last_seq = last_seq + 1,
                   last_activity_at = date_trunc('milliseconds', clock_timestamp())
             WHERE id = $1
               AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = $1 AND m.user_id = $2)
            RETURNING last_seq, last_activity_at, name
            """;

    static final String IS_MEMBER = """
            SELECT 1 FROM chat_members WHERE chat_id = $1 AND user_id = $2
            """;

    static final String MEMBER_IDS = """
            SELECT user_id FROM chat_members WHERE chat_id = $1 ORDER BY user_id COLLATE "C"
            """;

    // Never backwards: a read mark only moves forward.
    static final String MARK_READ_UP_TO = """
            UPDATE chat_members SET last_read_seq = GREATEST(last_read_seq, $3)
             WHERE chat_id = $1 AND user_id = $2
            """;

    /** Inserts the chat and its members; the returned chat carries the database's creation time. */
    public Uni<Chat> insert(SqlClient tx, UUID id, NewChat chat) {
        return tx.preparedQuery(INSERT_CHAT).execute(Tuple.of(id, chat.name(), chat.createdBy()))
                .map(rows -> rows.iterator().next().getOffsetDateTime("created_at"))
                .flatMap(createdAt -> tx.preparedQuery(INSERT_MEMBERS)
                        .execute(Tuple.of(id, createdAt, chat.memberIds().toArray(String[]::new)))
                        .replaceWith(new Chat(id, chat.name(), chat.memberIds(), chat.createdBy(),
                                createdAt.toInstant(), 0)));
    }

    /** Null when the chat does not exist or the user is not a member. */
    public Uni<Chat> findForMember(SqlClient client, UUID chatId, String userId) {
        return client.preparedQuery(FIND_FOR_MEMBER).execute(Tuple.of(chatId, userId))
                .map(rows -> rows.size() == 0 ? null : toChat(rows.iterator().next()));
    }

    /** Null when the chat does not exist or the user is not a member (then nothing was changed or locked). */
    public Uni<SeqAdvance> advanceSeq(SqlClient tx, UUID chatId, String senderId) {
        return tx.preparedQuery(ADVANCE_SEQ).execute(Tuple.of(chatId, senderId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new SeqAdvance(row.getLong("last_seq"), instant(row.getOffsetDateTime("last_activity_at")),
                            row.getString("name"));
                });
    }

    public Uni<Boolean> isMember(SqlClient client, UUID chatId, String userId) {
        return client.preparedQuery(IS_MEMBER).execute(Tuple.of(chatId, userId)).map(rows -> rows.size() > 0);
    }

    public Uni<List<String>> memberIds(SqlClient client, UUID chatId) {
        return client.preparedQuery(MEMBER_IDS).execute(Tuple.of(chatId)).map(ChatRepository::userIds);
    }

    public Uni<Void> markReadUpTo(SqlClient tx, UUID chatId, String userId, long seq) {
        return tx.preparedQuery(MARK_READ_UP_TO).execute(Tuple.of(chatId, userId, seq)).replaceWithVoid();
    }

    private static List<String> userIds(RowSet<Row> rows) {
        List<String> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getString("user_id"));
        }
        return ids;
    }

    private static Chat toChat(Row row) {
        return new Chat(row.getUUID("id"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("member_ids")),
                row.getString("created_by"), instant(row.getOffsetDateTime("created_at")), row.getLong("last_seq"));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
