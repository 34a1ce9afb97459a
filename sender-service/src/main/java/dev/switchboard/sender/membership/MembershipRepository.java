package dev.switchboard.sender.membership;

import dev.switchboard.events.Chat;
import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The chat row lock and the member rows read under it: the statements every chat-changing transaction starts with.
 * Members come back as stored (their read state raw); what the read state means, the unread count, is the read
 * package's rule. Members are always ordered by {@code COLLATE "C"} (byte order), which for user ids equals Java's
 * String order.
 */
@ApplicationScoped
public class MembershipRepository {

    /** The columns of {@link #toMembers}, for every statement that reads member rows. */
    public static final String MEMBER_COLUMNS =
            "user_id, last_read_seq, uncounted_above_mark, role, joined_seq, joined_at, last_delivered_seq";

    // The row lock taken here is held to commit: sends to one chat are serialised, so seqs have no gaps and the
    // outbox ids of a chat follow commit order. clock_timestamp(), not now(): the time after the lock was granted.
    // The EXISTS only keeps strangers from queueing on the lock; membership is checked again after it (ChatLock).
    static final String ADVANCE_SEQ = """
            UPDATE chats
               SET last_seq = last_seq + 1,
                   last_activity_at = date_trunc('milliseconds', clock_timestamp())
             WHERE id = $1
               AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = $1 AND m.user_id = $2)
            RETURNING id, name, created_by, created_at, last_seq, history_visibility, last_activity_at
            """;

    // The same lock strength as ADVANCE_SEQ's UPDATE (it conflicts with itself, not with foreign-key checks).
    static final String LOCK_FOR_MEMBER = """
            SELECT id, name, created_by, created_at, last_seq, history_visibility
              FROM chats
             WHERE id = $1
               AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = $1 AND m.user_id = $2)
               FOR NO KEY UPDATE
            """;

    // LOCK_FOR_MEMBER without the membership test: for an operator acting on a chat (admin re-publish).
    static final String LOCK = """
            SELECT id, name, created_by, created_at, last_seq, history_visibility
              FROM chats
             WHERE id = $1
               FOR NO KEY UPDATE
            """;

    static final String MEMBERS = "SELECT " + MEMBER_COLUMNS + """
              FROM chat_members
             WHERE chat_id = $1 ORDER BY user_id COLLATE "C"
            """;

    // Keyset paging on the user id, in byte order like every member list.
    static final String PAGE = """
            SELECT user_id, role, joined_at
              FROM chat_members
             WHERE chat_id = $1 AND ($2::text IS NULL OR user_id COLLATE "C" > $2::text COLLATE "C")
             ORDER BY user_id COLLATE "C"
             LIMIT $3
            """;

    static final String HISTORY_FLOOR = "SELECT " + HistoryFloor.sql("c", "m") + """
               AS floor
              FROM chat_members m JOIN chats c ON c.id = m.chat_id
             WHERE m.chat_id = $1 AND m.user_id = $2
            """;

    // Driven by the asked users' memberships (index chat_members_by_user), each probed against the caller's
    // membership of that chat (primary key): at most the asked users' chats, whatever the caller's count.
    static final String SHARED_WITH = """
            SELECT DISTINCT o.user_id
              FROM chat_members o
             WHERE o.user_id = ANY($2::text[])
               AND EXISTS (SELECT 1 FROM chat_members me WHERE me.chat_id = o.chat_id AND me.user_id = $1)
            """;

    static final String IS_MEMBER = """
            SELECT 1 FROM chat_members WHERE chat_id = $1 AND user_id = $2
            """;

    /**
     * Takes the next seq under the row lock. Null when the chat does not exist or the user is not a member (then
     * nothing was changed or locked). The returned chat has no members yet: read them under the lock.
     */
    public Uni<SeqAdvance> advanceSeq(SqlClient tx, UUID chatId, String senderId) {
        return tx.preparedQuery(ADVANCE_SEQ).execute(Tuple.of(chatId, senderId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new SeqAdvance(chatRow(row), instant(row.getOffsetDateTime("last_activity_at")));
        });
    }

    /** Locks the chat row until commit; null (nothing locked) for an unknown chat or a non-member. No members yet. */
    public Uni<Chat> lockForMember(SqlClient tx, UUID chatId, String userId) {
        return tx.preparedQuery(LOCK_FOR_MEMBER)
                .execute(Tuple.of(chatId, userId))
                .map(rows -> rows.size() == 0 ? null : chatRow(rows.iterator().next()));
    }

    /** Locks the chat row until commit, whoever asks; null (nothing locked) for an unknown chat. No members yet. */
    public Uni<Chat> lock(SqlClient tx, UUID chatId) {
        return tx.preparedQuery(LOCK)
                .execute(Tuple.of(chatId))
                .map(rows -> rows.size() == 0 ? null : chatRow(rows.iterator().next()));
    }

    public Uni<List<Member>> members(SqlClient client, UUID chatId) {
        return client.preparedQuery(MEMBERS).execute(Tuple.of(chatId)).map(MembershipRepository::toMembers);
    }

    /** Up to {@code limit} members after {@code afterUserId} (null: from the first), in id order. */
    public Uni<List<ListedMember>> page(SqlClient client, UUID chatId, String afterUserId, int limit) {
        return client.preparedQuery(PAGE)
                .execute(Tuple.of(chatId, afterUserId, limit))
                .map(rows -> {
                    List<ListedMember> members = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        members.add(new ListedMember(
                                row.getString("user_id"),
                                MemberRole.fromWireName(row.getString("role")),
                                instant(row.getOffsetDateTime("joined_at"))));
                    }
                    return members;
                });
    }

    /**
     * The highest seq of the chat the user may not read ({@link HistoryFloor}); null when the chat does not exist or
     * the user is not a member.
     */
    public Uni<Long> historyFloor(SqlClient client, UUID chatId, String userId) {
        return client.preparedQuery(HISTORY_FLOOR)
                .execute(Tuple.of(chatId, userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("floor"));
    }

    /** Which of {@code others} share at least one chat with {@code userId} now. */
    public Uni<java.util.Set<String>> sharedWith(SqlClient client, String userId, List<String> others) {
        return client.preparedQuery(SHARED_WITH)
                .execute(Tuple.of(userId, others.toArray(String[]::new)))
                .map(rows -> {
                    java.util.Set<String> shared = new java.util.HashSet<>();
                    rows.forEach(row -> shared.add(row.getString("user_id")));
                    return shared;
                });
    }

    public Uni<Boolean> isMember(SqlClient client, UUID chatId, String userId) {
        return client.preparedQuery(IS_MEMBER).execute(Tuple.of(chatId, userId)).map(rows -> rows.size() > 0);
    }

    /** Rows with the {@link #MEMBER_COLUMNS}, in the order given. */
    public static List<Member> toMembers(RowSet<Row> rows) {
        List<Member> members = new ArrayList<>(rows.size());
        for (Row row : rows) {
            members.add(new Member(
                    row.getString("user_id"),
                    row.getLong("last_read_seq"),
                    row.getLong("uncounted_above_mark"),
                    MemberRole.fromWireName(row.getString("role")),
                    row.getLong("joined_seq"),
                    instant(row.getOffsetDateTime("joined_at")),
                    row.getLong("last_delivered_seq")));
        }
        return members;
    }

    /** A chat from the columns of the {@code chats} row; no members (they are rows of their own). */
    public static Chat chatRow(Row row) {
        return new Chat(
                row.getUUID("id"),
                row.getString("name"),
                List.of(),
                row.getString("created_by"),
                instant(row.getOffsetDateTime("created_at")),
                row.getLong("last_seq"),
                HistoryVisibility.fromWireName(row.getString("history_visibility")));
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
