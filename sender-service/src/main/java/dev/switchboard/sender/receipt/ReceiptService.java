package dev.switchboard.sender.receipt;

import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import dev.switchboard.sender.membership.ChatLock;
import dev.switchboard.sender.membership.ChatNotFoundException;
import dev.switchboard.sender.membership.LockedChat;
import dev.switchboard.sender.membership.Member;
import dev.switchboard.sender.membership.MembershipRepository;
import dev.switchboard.sender.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Delivered marks, and the messageDeliveredUpdated events that tell members about moved marks. In a chat of up to
 * {@code coalesce-above-members} members a moved mark publishes at once, from the transaction that moved it; in a
 * larger one it is queued and {@link ReceiptFlusher} publishes one event per chat per interval with every mark moved
 * since the last. So a large chat's acknowledgements never cost one event to every member each, and no moved mark
 * costs a read of every member.
 */
@ApplicationScoped
public class ReceiptService {

    private final Pool pool;
    private final Transactions transactions;
    private final DatabaseDeadline deadline;
    private final MembershipRepository membership;
    private final ChatLock lock;
    private final ReceiptRepository receipts;
    private final ReceiptEvents events;
    private final OutboxWriter outbox;
    private final ReceiptConfig config;

    public ReceiptService(
            Pool pool,
            Transactions transactions,
            DatabaseDeadline deadline,
            MembershipRepository membership,
            ChatLock lock,
            ReceiptRepository receipts,
            ReceiptEvents events,
            OutboxWriter outbox,
            ReceiptConfig config) {
        this.pool = pool;
        this.transactions = transactions;
        this.deadline = deadline;
        this.membership = membership;
        this.lock = lock;
        this.receipts = receipts;
        this.events = events;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Moves the caller's delivered mark, under the chat row lock (so the event follows the sends in commit order, and
     * the coalescing tables change under the same lock as the flush that empties them). It never moves back, never
     * beyond the chat's last seq, and a read mark above it already counts as delivered. Idempotent: when it does not
     * move, nothing is written or published.
     *
     * @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     */
    public Uni<DeliveredState> markDelivered(UUID chatId, String userId, long upToSeq) {
        return deadline.bound(transactions.inTransaction(tx -> membership
                .lockForMember(tx, chatId, userId)
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId))
                .flatMap(locked -> receipts.memberMarks(tx, chatId, userId))
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId)) // removed while this waited for the lock
                .flatMap(marks -> {
                    long target = Math.min(upToSeq, marks.lastSeq());
                    if (target <= marks.delivered()) {
                        return Uni.createFrom()
                                .item(new DeliveredState(chatId, userId, marks.delivered(), marks.lastReadSeq()));
                    }
                    DeliveredState moved = new DeliveredState(chatId, userId, target, marks.lastReadSeq());
                    return receipts.markDelivered(tx, chatId, userId, target)
                            .chain(() -> marks.memberCount() > config.coalesceAboveMembers()
                                    ? receipts.queueChange(tx, chatId, userId, config.coalesceInterval())
                                    : publishNow(tx, chatId, userId))
                            .replaceWith(moved);
                })));
    }

    /**
     * What a read that moved the reader's mark publishes about receipts, in the read's transaction (under its lock):
     * in a small chat, messageDeliveredUpdated when the reader's delivered mark or the chat's ticks moved; in a large
     * one nothing now, the change queued for the next coalesced event.
     *
     * @param before the chat as locked by the read, its members' marks before the read
     */
    public Uni<List<EventEnvelope>> afterRead(
            SqlConnection tx, LockedChat before, String readerId, long newReadSeq, Instant at) {
        UUID chatId = before.chat().id();
        if (before.members().size() > config.coalesceAboveMembers()) {
            return receipts.queueChange(tx, chatId, readerId, config.coalesceInterval())
                    .replaceWith(List.of());
        }
        List<Member> after = new ArrayList<>(before.members().size());
        Member readerBefore = null;
        Member readerAfter = null;
        for (Member member : before.members()) {
            if (member.userId().equals(readerId)) {
                readerBefore = member;
                readerAfter = member.withLastReadSeq(newReadSeq);
                after.add(readerAfter);
            } else {
                after.add(member);
            }
        }
        ReceiptTicks ticks = ReceiptRule.ticks(after);
        if (readerAfter == null
                || (ticks.equals(ReceiptRule.ticks(before.members()))
                        && ReceiptRule.delivered(readerAfter) == ReceiptRule.delivered(readerBefore))) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom()
                .item(List.of(events.messageDeliveredUpdated(
                        chatId, ticks, List.of(ReceiptRule.mark(readerAfter)), 0, before.memberIds(), at)));
    }

    /**
     * Publishes the chat's coalesced receipt event if it is still due (another sender may have done it first): the
     * marks that moved since the last one (at most {@code max-marks-per-event}, of members still in the chat), and the
     * ticks. One transaction under the chat row lock.
     *
     * @return whether an event was written
     */
    public Uni<Boolean> flush(UUID chatId) {
        return deadline.bound(transactions.inTransaction(tx -> lock.acquireAsOperator(tx, chatId)
                .flatMap(locked -> receipts.takeFlush(tx, chatId).flatMap(due -> {
                    if (!due) {
                        return Uni.createFrom().item(false);
                    }
                    return receipts.takeChanges(tx, chatId).flatMap(changed -> {
                        EventEnvelope event = coalesced(locked, changed);
                        return event == null
                                ? Uni.createFrom().item(false)
                                : outbox.write(tx, List.of(event)).replaceWith(true);
                    });
                }))));
    }

    /** The chat's ticks and the caller's marks. */
    public Uni<ChatReceipts> receipts(UUID chatId, String callerId) {
        return deadline.bound(receipts.memberMarks(pool, chatId, callerId)
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId))
                .flatMap(mine -> receipts.ticks(pool, chatId)
                        .map(at -> new ChatReceipts(
                                chatId,
                                Math.max(at.lastSeq(), mine.lastSeq()),
                                at.ticks().deliveredToAllSeq(),
                                at.ticks().readByAllSeq(),
                                mine.delivered(),
                                mine.lastReadSeq()))));
    }

    /** The chat's ticks, for a caller already known to be a member (a history page). */
    public Uni<ReceiptTicks> ticks(UUID chatId) {
        return receipts.ticks(pool, chatId).map(ReceiptRepository.TicksAt::ticks);
    }

    private Uni<Void> publishNow(SqlConnection tx, UUID chatId, String userId) {
        return membership.members(tx, chatId).flatMap(members -> {
            Member moved = members.stream()
                    .filter(member -> member.userId().equals(userId))
                    .findFirst()
                    .orElseThrow(() -> new ChatNotFoundException(chatId));
            return outbox.write(
                    tx,
                    List.of(events.messageDeliveredUpdated(
                            chatId,
                            ReceiptRule.ticks(members),
                            List.of(ReceiptRule.mark(moved)),
                            0,
                            members.stream().map(Member::userId).toList(),
                            now())));
        });
    }

    private EventEnvelope coalesced(LockedChat locked, List<String> changed) {
        Set<String> moved = new HashSet<>(changed);
        List<EventData.ReceiptMark> marks = new ArrayList<>();
        int omitted = 0;
        for (Member member : locked.members()) { // member order: the same marks listed whichever sender flushes
            if (moved.contains(member.userId())) {
                if (marks.size() < config.maxMarksPerEvent()) {
                    marks.add(ReceiptRule.mark(member));
                } else {
                    omitted++;
                }
            }
        }
        if (marks.isEmpty()) {
            return null; // only members who have left since moved: nobody's tick changed for that
        }
        return events.messageDeliveredUpdated(
                locked.chat().id(), ReceiptRule.ticks(locked.members()), marks, omitted, locked.memberIds(), now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
