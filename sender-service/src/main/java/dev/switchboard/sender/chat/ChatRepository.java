package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import dev.switchboard.events.MessagePreview;
import dev.switchboard.sender.membership.ChatCursor;
import dev.switchboard.sender.membership.HistoryFloor;
import dev.switchboard.sender.membership.MembershipRepository;
import dev.switchboard.sender.message.MessageRows;
import dev.switchboard.sender.read.UnreadRule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
            INSERT INTO chats (id, name, created_by, created_at, last_seq, last_activity_at, member_count,
                               history_visibility)
            VALUES ($1, $2, $3, date_trunc('milliseconds', now()), 0, date_trunc('milliseconds', now()), $4, $5)
            RETURNING created_at
            """;

    // The creator ($4) is the owner; the others are members.
    static final String INSERT_MEMBERS = """
            INSERT INTO chat_members (chat_id, user_id, joined_at, role)
            SELECT $1, member, $2, CASE WHEN member = $4 THEN 'owner' ELSE 'member' END FROM unnest($3::text[]) AS member
            """;

    static final String FIND_FOR_MEMBER = """
            SELECT c.id, c.name, c.created_by, c.created_at, c.last_seq, c.history_visibility,
                   ARRAY(SELECT m.user_id FROM chat_members m WHERE m.chat_id = c.id
                         ORDER BY m.user_id COLLATE "C") AS member_ids
              FROM chats c
             WHERE c.id = $1
               AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = c.id AND m.user_id = $2)
            """;

    // A change of name or members is activity: the chat moves to the top of its members' lists.
    static final String APPLY_CHANGE = """
            UPDATE chats
               SET name = COALESCE($2, name),
                   member_count = $3,
                   history_visibility = COALESCE($4, history_visibility),
                   last_activity_at = date_trunc('milliseconds', clock_timestamp())
             WHERE id = $1
            RETURNING name, history_visibility, last_activity_at
            """;

    static final String REMOVE_MEMBERS = """
            DELETE FROM chat_members WHERE chat_id = $1 AND user_id = ANY($2::text[])
            """;

    // Joiners' read marks come from the read rule (UnreadRule.markOfNewMember); they join as members at the chat's
    // last seq ($5), what a sinceJoin chat hides from them.
    static final String ADD_MEMBERS = """
            INSERT INTO chat_members (chat_id, user_id, joined_at, last_read_seq, joined_seq)
            SELECT $1, member, $2, $3, $5 FROM unnest($4::text[]) AS member
            """;

    static final String SET_ROLES = """
            UPDATE chat_members m SET role = r.role
              FROM unnest($2::text[], $3::text[]) AS r(user_id, role)
             WHERE m.chat_id = $1 AND m.user_id = r.user_id
            """;

    // Keyset paging on (last_activity_at, id), newest first. One statement, one snapshot: the last message, the
    // members and the unread count of a row agree with each other. Bounded per row whatever the chat's size: a count
    // and a few ids of the members, and no more of the last message's content than its preview can show.
    static final String SUMMARIES = ("""
            SELECT c.id, c.name, c.created_by, c.created_at, c.last_seq, c.history_visibility, c.last_activity_at,
                   c.member_count, me.role,
                   """ + UnreadRule.countSql("me", "c.last_seq")
                    + """
                   AS unread_count,
                   ARRAY(SELECT m.user_id FROM chat_members m WHERE m.chat_id = c.id AND m.user_id <> $1
                         ORDER BY m.user_id COLLATE "C" LIMIT %d) AS member_preview,
                   lm.id AS lm_id, lm.chat_id AS lm_chat_id, lm.seq AS lm_seq, lm.sender_id AS lm_sender_id,
                   left(lm.content, %d) AS lm_content, lm.content_type AS lm_content_type,
                   lm.client_message_id AS lm_client_message_id, lm.created_at AS lm_created_at,
                   lm.edited_at AS lm_edited_at, lm.deleted AS lm_deleted
              FROM chat_members me
              JOIN chats c ON c.id = me.chat_id
              LEFT JOIN messages lm ON lm.chat_id = c.id AND lm.seq = c.last_seq
                                   AND lm.seq > """ + HistoryFloor.sql("c", "me") + """
             WHERE me.user_id = $1
               AND ($2::timestamptz IS NULL OR (c.last_activity_at, c.id) < ($2::timestamptz, $3::uuid))
             ORDER BY c.last_activity_at DESC, c.id DESC
             LIMIT $4
            """)
            .formatted(ChatSummary.MEMBER_PREVIEW, MessagePreview.MAX_CHARS + 1);

    /** Inserts the chat and its members; the returned chat carries the database's creation time. */
    public Uni<Chat> insert(SqlClient tx, UUID id, NewChat chat) {
        return tx.preparedQuery(INSERT_CHAT)
                .execute(Tuple.of(
                        id,
                        chat.name(),
                        chat.createdBy(),
                        chat.memberIds().size(),
                        chat.historyVisibility().wireName()))
                .map(rows -> rows.iterator().next().getOffsetDateTime("created_at"))
                .flatMap(createdAt -> tx.preparedQuery(INSERT_MEMBERS)
                        .execute(Tuple.of(id, createdAt, chat.memberIds().toArray(String[]::new), chat.createdBy()))
                        .replaceWith(new Chat(
                                id,
                                chat.name(),
                                chat.memberIds(),
                                chat.createdBy(),
                                createdAt.toInstant(),
                                0,
                                chat.historyVisibility())));
    }

    /** Null when the chat does not exist or the user is not a member. */
    public Uni<Chat> findForMember(SqlClient client, UUID chatId, String userId) {
        return client.preparedQuery(FIND_FOR_MEMBER)
                .execute(Tuple.of(chatId, userId))
                .map(rows -> rows.size() == 0 ? null : toChat(rows.iterator().next()));
    }

    /**
     * Renames (when {@code newName} is not null), sets the history visibility (when not null) and marks the chat
     * active; the caller holds the row lock.
     *
     * @return the name and visibility after the change and the time of the change
     */
    public Uni<AppliedChange> applyChange(
            SqlClient tx, UUID chatId, String newName, HistoryVisibility newVisibility, int memberCount) {
        return tx.preparedQuery(APPLY_CHANGE)
                .execute(
                        Tuple.of(chatId, newName, memberCount, newVisibility == null ? null : newVisibility.wireName()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new AppliedChange(
                            row.getString("name"),
                            HistoryVisibility.fromWireName(row.getString("history_visibility")),
                            MembershipRepository.instant(row.getOffsetDateTime("last_activity_at")));
                });
    }

    /** Sets these members' roles; the caller holds the row lock. */
    public Uni<Void> setRoles(SqlClient tx, UUID chatId, Map<String, MemberRole> roles) {
        if (roles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(SET_ROLES)
                .execute(Tuple.of(
                        chatId,
                        roles.keySet().toArray(String[]::new),
                        roles.values().stream().map(MemberRole::wireName).toArray(String[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> removeMembers(SqlClient tx, UUID chatId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(REMOVE_MEMBERS)
                .execute(Tuple.of(chatId, userIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** New members (role member) whose read mark starts at {@code readUpToSeq}, joining at {@code joinedSeq}. */
    public Uni<Void> addMembers(
            SqlClient tx, UUID chatId, Collection<String> userIds, Instant joinedAt, long readUpToSeq, long joinedSeq) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(ADD_MEMBERS)
                .execute(Tuple.of(
                        chatId,
                        joinedAt.atOffset(ZoneOffset.UTC),
                        readUpToSeq,
                        userIds.toArray(String[]::new),
                        joinedSeq))
                .replaceWithVoid();
    }

    /** Up to {@code limit} of the user's chats, latest activity first, strictly after {@code after} (null: first page). */
    public Uni<List<ChatListEntry>> summaries(SqlClient client, String userId, ChatCursor after, int limit) {
        Tuple args = Tuple.tuple()
                .addString(userId)
                .addOffsetDateTime(after == null ? null : after.lastActivityAt().atOffset(ZoneOffset.UTC))
                .addUUID(after == null ? null : after.chatId())
                .addInteger(limit);
        return client.preparedQuery(SUMMARIES).execute(args).map(ChatRepository::toEntries);
    }

    private static List<ChatListEntry> toEntries(RowSet<Row> rows) {
        List<ChatListEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Chat chat = MembershipRepository.chatRow(row);
            // The content is cut in SQL to one character more than a preview shows: MessagePreview knows the rest.
            MessagePreview last =
                    row.getUUID("lm_id") == null ? null : MessagePreview.of(MessageRows.toMessage(row, "lm_"));
            ChatSummary summary = new ChatSummary(
                    chat.id(),
                    chat.name(),
                    row.getInteger("member_count"),
                    Arrays.asList(row.getArrayOfStrings("member_preview")),
                    chat.createdBy(),
                    chat.createdAt(),
                    chat.lastSeq(),
                    chat.historyVisibility(),
                    MemberRole.fromWireName(row.getString("role")),
                    last,
                    row.getLong("unread_count"));
            entries.add(new ChatListEntry(
                    summary,
                    new ChatCursor(
                            MembershipRepository.instant(row.getOffsetDateTime("last_activity_at")), chat.id())));
        }
        return entries;
    }

    private static Chat toChat(Row row) {
        return new Chat(
                row.getUUID("id"),
                row.getString("name"),
                Arrays.asList(row.getArrayOfStrings("member_ids")),
                row.getString("created_by"),
                MembershipRepository.instant(row.getOffsetDateTime("created_at")),
                row.getLong("last_seq"),
                HistoryVisibility.fromWireName(row.getString("history_visibility")));
    }

    /** The outcome of {@link #applyChange}. */
    public record AppliedChange(String name, HistoryVisibility historyVisibility, Instant at) {}

    /** One row of the chat list and the cursor that continues after it. */
    public record ChatListEntry(ChatSummary summary, ChatCursor cursor) {}
}
