package dev.switchboard.sender.read;

import dev.switchboard.events.EventEnvelope;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import dev.switchboard.sender.membership.ChatCursor;
import dev.switchboard.sender.membership.ChatLock;
import dev.switchboard.sender.membership.LockedChat;
import dev.switchboard.sender.membership.Member;
import dev.switchboard.sender.outbox.OutboxWriter;
import dev.switchboard.sender.receipt.ReceiptService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read marks and unread counts. */
@ApplicationScoped
public class ReadService {

    private final Pool pool;
    private final Transactions transactions;
    private final ChatLock lock;
    private final ReadStateRepository readState;
    private final ReadEvents events;
    private final OutboxWriter outbox;
    private final DatabaseDeadline deadline;
    private final ReceiptService receipts;

    public ReadService(
            Pool pool,
            Transactions transactions,
            ChatLock lock,
            ReadStateRepository readState,
            ReadEvents events,
            OutboxWriter outbox,
            DatabaseDeadline deadline,
            ReceiptService receipts) {
        this.pool = pool;
        this.receipts = receipts;
        this.transactions = transactions;
        this.deadline = deadline;
        this.lock = lock;
        this.readState = readState;
        this.events = events;
        this.outbox = outbox;
    }

    /**
     * One transaction under the chat row lock (the same lock sends take, so a count is never computed against a
     * half-finished send, and the read's events follow the sends' in commit order). The mark never moves back, and
     * a seq beyond the chat's last one means the last one. When the mark does not move, nothing is written or
     * published: the call is idempotent. Read implies delivered, so a moved read mark is a receipt change too
     * ({@link ReceiptService#afterRead}).
     *
     * @throws dev.switchboard.sender.membership.ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     */
    public Uni<ReadState> markRead(UUID chatId, String userId, long upToSeq) {
        return deadline.bound(transactions.inTransaction(
                tx -> lock.acquire(tx, chatId, userId).flatMap(locked -> markRead(tx, locked, userId, upToSeq))));
    }

    private Uni<ReadState> markRead(SqlConnection tx, LockedChat locked, String userId, long upToSeq) {
        UUID chatId = locked.chat().id();
        Member reader = locked.member(userId);
        long target = Math.min(upToSeq, locked.chat().lastSeq());
        if (target <= reader.lastReadSeq()) {
            return Uni.createFrom()
                    .item(new ReadState(
                            chatId,
                            userId,
                            reader.lastReadSeq(),
                            UnreadRule.count(locked.chat().lastSeq(), reader)));
        }
        return readState.markRead(tx, chatId, userId, target).flatMap(mark -> {
            List<EventEnvelope> published = new ArrayList<>(2);
            published.add(
                    events.messageReadUpdated(chatId, userId, mark.lastReadSeq(), mark.readAt(), locked.memberIds()));
            EventEnvelope unread = events.unreadCountUpdated(
                    chatId,
                    UnreadChanges.between(locked.chat().lastSeq(), List.of(reader), Map.of(userId, mark.unreadCount())),
                    mark.readAt());
            if (unread != null) {
                published.add(unread);
            }
            return receipts.afterRead(tx, locked, userId, mark.lastReadSeq(), mark.readAt())
                    .flatMap(receiptEvents -> {
                        published.addAll(receiptEvents);
                        return outbox.write(tx, published);
                    })
                    .replaceWith(new ReadState(chatId, userId, mark.lastReadSeq(), mark.unreadCount()));
        });
    }

    /**
     * One page of the caller's chats with unread messages and the total over all of them (two plain reads: a count
     * that moves between them is seen by the next call).
     */
    public Uni<UnreadSummary> unread(String userId, ChatCursor after, int limit) {
        return deadline.bound(readState
                .unreadOf(pool, userId, after, limit + 1)
                .flatMap(entries -> readState.unreadTotal(pool, userId).map(total -> {
                    boolean more = entries.size() > limit;
                    List<ReadStateRepository.UnreadEntry> page = more ? entries.subList(0, limit) : entries;
                    return new UnreadSummary(
                            total,
                            page.stream()
                                    .map(ReadStateRepository.UnreadEntry::chat)
                                    .toList(),
                            more ? page.getLast().cursor().encode() : null);
                })));
    }
}
