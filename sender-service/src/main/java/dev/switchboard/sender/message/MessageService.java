package dev.switchboard.sender.message;

import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.Message;
import dev.switchboard.events.TimeOrderedIds;
import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.PageBudget;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import dev.switchboard.sender.membership.ChatLock;
import dev.switchboard.sender.membership.ChatNotFoundException;
import dev.switchboard.sender.membership.LockedChat;
import dev.switchboard.sender.membership.MembershipRepository;
import dev.switchboard.sender.outbox.OutboxWriter;
import dev.switchboard.sender.read.ReadEvents;
import dev.switchboard.sender.read.UnreadChanges;
import dev.switchboard.sender.receipt.ReceiptService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Sending messages and reading history. Nothing is published from here: events go to the outbox. */
@ApplicationScoped
public class MessageService {

    private final Pool pool;
    private final Transactions transactions;
    private final MembershipRepository chats;
    private final MessageRepository messages;
    private final MessageEvents events;
    private final ReadEvents readEvents;
    private final ReceiptService receipts;
    private final OutboxWriter outbox;
    private final DatabaseDeadline deadline;
    private final LimitsConfig limits;

    public MessageService(
            Pool pool,
            Transactions transactions,
            MembershipRepository chats,
            MessageRepository messages,
            MessageEvents events,
            ReadEvents readEvents,
            OutboxWriter outbox,
            DatabaseDeadline deadline,
            LimitsConfig limits,
            ReceiptService receipts) {
        this.limits = limits;
        this.receipts = receipts;
        this.pool = pool;
        this.transactions = transactions;
        this.deadline = deadline;
        this.chats = chats;
        this.messages = messages;
        this.events = events;
        this.readEvents = readEvents;
        this.outbox = outbox;
    }

    /**
     * Idempotent by clientMessageId: a send this sender already made in this chat with the same clientMessageId
     * answers with that original message (whatever the new body says), taking no seq and publishing nothing.
     * The insert is tried first (retries are rare, and a look-up before every send would cost every send a round
     * trip): a clientMessageId used before hits the unique index (chat_id, sender_id, client_message_id), the
     * transaction rolls back (seq included), and the original is read instead. Two identical sends racing end the
     * same way for the loser.
     *
     * @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     */
    public Uni<SendResult> send(UUID chatId, String senderId, NewMessage newMessage) {
        String clientMessageId = newMessage.clientMessageId();
        Uni<SendResult> created = insert(chatId, senderId, newMessage).map(SendResult::created);
        if (clientMessageId == null) {
            return deadline.bound(created);
        }
        return deadline.bound(created.onFailure(DuplicateClientMessageIdException.class)
                .recoverWithUni(() -> messages.findByClientMessageId(pool, chatId, senderId, clientMessageId)
                        // Only a removal from the chat in between hides the row that the index just saw.
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ChatNotFoundException(chatId))
                        .map(SendResult::original)));
    }

    /**
     * One transaction in three round trips: BEGIN with the next seq under the chat row lock; the message, the
     * sender's read mark and the members as they are under the lock (one statement); the events into the outbox
     * with the NOTIFY that wakes the relay at commit (one statement) with the COMMIT behind it. Other members'
     * unread counts are derived from the chat's last seq, so a send writes no other member's row, whatever the
     * chat's size.
     */
    private Uni<Message> insert(UUID chatId, String senderId, NewMessage newMessage) {
        return transactions.inTransaction((tx, commit) -> chats.advanceSeq(tx, chatId, senderId)
                .onItem()
                .ifNull()
                .failWith(() -> new ChatNotFoundException(chatId))
                .flatMap(next -> {
                    Message message = new Message(
                            TimeOrderedIds.next(),
                            chatId,
                            next.seq(),
                            senderId,
                            newMessage.content(),
                            newMessage.contentType(),
                            newMessage.clientMessageId(),
                            next.at(),
                            null,
                            false);
                    return messages.insertAsSent(tx, message)
                            .map(members -> ChatLock.lockedFor(next.chat(), members, senderId))
                            .flatMap(locked ->
                                    commit.after(publishSent(tx, message, locked, newMessage.originConnectionId())))
                            .replaceWith(message);
                }));
    }

    /** @throws ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member */
    public Uni<MessagePage> page(UUID chatId, String callerId, PageRequest page) {
        return deadline.bound(chats.historyFloor(pool, chatId, callerId).flatMap(floor -> {
            if (floor == null) {
                return Uni.createFrom().failure(new ChatNotFoundException(chatId));
            }
            // Ticks before messages: ticks only grow, so no message of the page shows a tick it had not earned.
            return receipts.ticks(chatId)
                    .flatMap(ticks -> messages.page(pool, chatId, page, floor).map(rows -> {
                        List<Message> asked = rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows;
                        int fit = PageBudget.fitting(
                                asked, m -> PageBudget.messageBytes(m.content()), limits.pageMaxBytes());
                        return new MessagePage(List.copyOf(asked.subList(0, fit)), rows.size() > fit, ticks);
                    }));
        }));
    }

    /**
     * In this order: messageAdded, chatMessageNotification, messageUpdateForChatList, unreadCountUpdated (one event
     * for everyone whose count changed: every other member, and the sender when they had unread messages before).
     */
    private Uni<Void> publishSent(SqlConnection tx, Message message, LockedChat locked, String originConnectionId) {
        List<String> members = locked.memberIds();
        List<EventEnvelope> sent = new ArrayList<>(4);
        sent.add(events.messageAdded(message, members, originConnectionId));
        sent.add(events.chatMessageNotification(message, locked.chat().name(), members));
        sent.add(events.chatListUpdate(message, message.seq(), members, message.createdAt()));
        sent.add(readEvents.unreadCountUpdated(
                message.chatId(),
                UnreadChanges.afterSend(locked.members(), message.senderId(), message.seq()),
                message.createdAt()));
        return outbox.write(tx, sent.stream().filter(Objects::nonNull).toList());
    }
}
