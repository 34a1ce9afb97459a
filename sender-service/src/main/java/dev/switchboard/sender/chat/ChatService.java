package dev.switchboard.sender.chat;

import dev.switchboard.events.Chat;
import dev.switchboard.events.HistoryVisibility;
import dev.switchboard.events.MemberRole;
import dev.switchboard.events.TimeOrderedIds;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import dev.switchboard.sender.membership.ChatLock;
import dev.switchboard.sender.membership.ChatNotFoundException;
import dev.switchboard.sender.membership.ListedMember;
import dev.switchboard.sender.membership.LockedChat;
import dev.switchboard.sender.membership.MemberCursor;
import dev.switchboard.sender.membership.MembershipRepository;
import dev.switchboard.sender.outbox.OutboxWriter;
import dev.switchboard.sender.problem.InvalidRequestException;
import dev.switchboard.sender.read.UnreadRule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/** Creating, listing, reading and changing chats. Every change commits together with its events (transactional outbox). */
@ApplicationScoped
public class ChatService {

    private final Pool pool;
    private final Transactions transactions;
    private final ChatRepository chats;
    private final ChatLock lock;
    private final ChatEvents events;
    private final OutboxWriter outbox;
    private final LimitsConfig limits;
    private final DatabaseDeadline deadline;
    private final MembershipRepository membership;

    public ChatService(
            Pool pool,
            Transactions transactions,
            ChatRepository chats,
            ChatLock lock,
            ChatEvents events,
            OutboxWriter outbox,
            LimitsConfig limits,
            DatabaseDeadline deadline,
            MembershipRepository membership) {
        this.membership = membership;
        this.pool = pool;
        this.transactions = transactions;
        this.deadline = deadline;
        this.chats = chats;
        this.lock = lock;
        this.events = events;
        this.outbox = outbox;
        this.limits = limits;
    }

    /** One transaction: chat row, member rows, chatAdded in the outbox. */
    public Uni<Chat> create(NewChat newChat) {
        UUID id = TimeOrderedIds.next();
        return deadline.bound(transactions.inTransaction(tx ->
                chats.insert(tx, id, newChat).call(chat -> outbox.write(tx, List.of(events.chatAdded(chat))))));
    }

    /** @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member */
    public Uni<Chat> get(UUID chatId, String callerId) {
        return deadline.bound(chats.findForMember(pool, chatId, callerId))
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId));
    }

    /** One page of the caller's chats, latest activity first; one row more than asked tells whether there is more. */
    public Uni<ChatList> list(String callerId, ChatListRequest request) {
        return deadline.bound(chats.summaries(pool, callerId, request.after(), request.limit() + 1))
                .map(entries -> {
                    boolean more = entries.size() > request.limit();
                    List<ChatRepository.ChatListEntry> page = more ? entries.subList(0, request.limit()) : entries;
                    String next = more ? page.getLast().cursor().encode() : null;
                    return new ChatList(
                            page.stream()
                                    .map(ChatRepository.ChatListEntry::summary)
                                    .toList(),
                            next);
                });
    }

    /**
     * One page of the chat's members, for a member only; one row more than asked tells whether there is more.
     *
     * @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     */
    public Uni<MemberPage> members(UUID chatId, String callerId, MemberCursor after, int limit) {
        return deadline.bound(membership.isMember(pool, chatId, callerId).flatMap(member -> {
            if (!member) {
                return Uni.createFrom().failure(new ChatNotFoundException(chatId));
            }
            return membership
                    .page(pool, chatId, after == null ? null : after.afterUserId(), limit + 1)
                    .map(rows -> {
                        boolean more = rows.size() > limit;
                        List<ListedMember> page = more ? rows.subList(0, limit) : rows;
                        return new MemberPage(
                                List.copyOf(page),
                                more ? new MemberCursor(page.getLast().userId()).encode() : null);
                    });
        }));
    }

    /**
     * One transaction under the chat row lock: the new name, history visibility and roles, the members leaving and
     * joining, chatUpdated (naming the caller) to the members before and after. Who may change what is
     * {@link ChatPermissions}'; anyone may remove themselves (leave). A change that changes nothing publishes
     * nothing.
     *
     * @throws ChatNotFoundException      (as the Uni's failure) for an unknown chat or a non-member
     * @throws ChangeNotAllowedException  (as the Uni's failure) when the caller's role does not allow the change
     * @throws InvalidRequestException    (as the Uni's failure) when the chat would exceed the member limit, or a
     *                                    role names a user who is not in the chat
     */
    public Uni<Chat> update(UUID chatId, String callerId, ChatChange change) {
        return deadline.bound(transactions.inTransaction(
                tx -> lock.acquire(tx, chatId, callerId).flatMap(locked -> apply(tx, locked, callerId, change))));
    }

    private Uni<Chat> apply(SqlConnection tx, LockedChat locked, String callerId, ChatChange change) {
        Chat before = locked.chat();
        List<String> membersBefore = before.memberIds();
        ChatChange.MemberDelta delta = change.against(new TreeSet<>(membersBefore));
        String newName = change.name() == null || change.name().equals(before.name()) ? null : change.name();
        HistoryVisibility newVisibility =
                change.historyVisibility() == before.historyVisibility() ? null : change.historyVisibility();
        SortedMap<String, MemberRole> roleChanges =
                ChatPermissions.authorize(locked, callerId, change, delta, newName != null, newVisibility != null);
        if (newName == null && newVisibility == null && delta.isEmpty() && roleChanges.isEmpty()) {
            return Uni.createFrom().item(before);
        }
        SortedSet<String> membersAfter = new TreeSet<>(membersBefore);
        membersAfter.addAll(delta.joining());
        membersAfter.removeAll(delta.leaving());
        if (membersAfter.size() > limits.chatMaxMembers()) {
            return Uni.createFrom()
                    .failure(InvalidRequestException.of(
                            "addMemberIds",
                            "the chat would have " + membersAfter.size() + " members, at most "
                                    + limits.chatMaxMembers() + " are allowed"));
        }
        return chats.applyChange(tx, before.id(), newName, newVisibility, membersAfter.size())
                .call(applied -> chats.removeMembers(tx, before.id(), delta.leaving()))
                .call(applied -> chats.addMembers(
                        tx,
                        before.id(),
                        delta.joining(),
                        applied.at(),
                        UnreadRule.markOfNewMember(before.lastSeq()),
                        before.lastSeq()))
                .call(applied -> chats.setRoles(tx, before.id(), roleChanges))
                .flatMap(applied -> {
                    Chat after = new Chat(
                            before.id(),
                            applied.name(),
                            List.copyOf(membersAfter),
                            before.createdBy(),
                            before.createdAt(),
                            before.lastSeq(),
                            applied.historyVisibility());
                    return outbox.write(
                                    tx,
                                    List.of(events.chatUpdated(
                                            after, membersBefore, callerId, roleChanges, applied.at())))
                            .replaceWith(after);
                });
    }
}
