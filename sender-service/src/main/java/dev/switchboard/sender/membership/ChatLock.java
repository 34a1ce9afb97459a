package dev.switchboard.sender.membership;

import dev.switchboard.events.Chat;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The first step of every transaction that changes a chat (rename, members, read marks, edits, deletes): lock the
 * chat row, then read the members. Taking the same row lock as sends keeps all events of a chat in commit order,
 * and reading the members in a statement after the lock sees every change committed before it.
 */
@ApplicationScoped
public class ChatLock {

    private final MembershipRepository chats;

    public ChatLock(MembershipRepository chats) {
        this.chats = chats;
    }

    /** @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a caller who is not a member */
    public Uni<LockedChat> acquire(SqlClient tx, UUID chatId, String callerId) {
        return chats.lockForMember(tx, chatId, callerId)
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId))
                .flatMap(chat -> members(tx, chat, callerId));
    }

    /**
     * The same lock for an operator, who need not be a member (admin re-publish).
     *
     * @throws ChatNotFoundException (as the Uni's failure) for an unknown chat
     */
    public Uni<LockedChat> acquireAsOperator(SqlClient tx, UUID chatId) {
        return chats.lock(tx, chatId)
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId))
                .flatMap(chat -> chats.members(tx, chat.id())
                        .map(members -> new LockedChat(withMembers(chat, members), members)));
    }

    /**
     * For a transaction that already holds the lock (a send takes it by advancing the seq).
     *
     * @throws ChatNotFoundException (as the Uni's failure) when the caller is not a member under the lock
     */
    public Uni<LockedChat> members(SqlClient tx, Chat lockedRow, String callerId) {
        return chats.members(tx, lockedRow.id()).map(members -> lockedFor(lockedRow, members, callerId));
    }

    /**
     * The locked chat from its row and the members read under the lock (by whatever statement read them).
     *
     * @throws ChatNotFoundException when the caller is not among the members
     */
    public static LockedChat lockedFor(Chat lockedRow, List<Member> members, String callerId) {
        LockedChat locked = new LockedChat(withMembers(lockedRow, members), members);
        if (locked.member(callerId) == null) {
            // Removed by a transaction that committed while this one waited for the lock.
            throw new ChatNotFoundException(lockedRow.id());
        }
        return locked;
    }

    private static Chat withMembers(Chat chat, List<Member> members) {
        return chat.withMembers(members.stream().map(Member::userId).toList());
    }
}
