package dev.switchboard.sender.message;

import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.Message;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import dev.switchboard.sender.membership.ChatLock;
import dev.switchboard.sender.membership.LockedChat;
import dev.switchboard.sender.outbox.OutboxWriter;
import dev.switchboard.sender.read.ReadEvents;
import dev.switchboard.sender.read.ReadStateRepository;
import dev.switchboard.sender.read.UnreadChanges;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Edits and deletes of sent messages, by their author only. Each is one transaction under the chat row lock, so
 * its events take their place in the chat's commit order, and a delete adjusts unread counts exactly.
 */
@ApplicationScoped
public class MessageEditor {

    private final Transactions transactions;
    private final ChatLock lock;
    private final MessageRepository messages;
    private final ReadStateRepository readState;
    private final MessageEvents events;
    private final ReadEvents readEvents;
    private final OutboxWriter outbox;
    private final DatabaseDeadline deadline;

    public MessageEditor(
            Transactions transactions,
            ChatLock lock,
            MessageRepository messages,
            ReadStateRepository readState,
            MessageEvents events,
            ReadEvents readEvents,
            OutboxWriter outbox,
            DatabaseDeadline deadline) {
        this.transactions = transactions;
        this.deadline = deadline;
        this.lock = lock;
        this.messages = messages;
        this.readState = readState;
        this.events = events;
        this.readEvents = readEvents;
        this.outbox = outbox;
    }

    /**
     * Replaces the content and sets editedAt; publishes messageUpdated, and messageUpdateForChatList when it is the
     * chat's newest message. Sending the content the message already has changes nothing and publishes nothing,
     * whether the message was edited before or not (a retried edit publishes nothing twice).
     *
     * @throws dev.switchboard.sender.membership.ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     * @throws MessageNotFoundException when the chat has no such message
     * @throws NotTheAuthorException    when the caller did not send it
     * @throws MessageDeletedException  when it is a tombstone
     */
    public Uni<Message> edit(UUID chatId, String messageId, String callerId, String content) {
        return deadline.bound(transactions.inTransaction(tx -> lock.acquire(tx, chatId, callerId)
                .flatMap(locked -> authored(tx, chatId, messageId, callerId, "edit")
                        .flatMap(message -> {
                            if (message.deleted()) {
                                return Uni.createFrom().failure(new MessageDeletedException(message.id()));
                            }
                            if (content.equals(message.content())) {
                                return Uni.createFrom().item(message);
                            }
                            return messages.edit(tx, message.id(), content)
                                    .call(edited -> outbox.write(tx, editEvents(edited, locked)));
                        }))));
    }

    /**
     * Turns the message into a tombstone ({@code deleted:true, content:null}) that keeps its seq in the history;
     * publishes messageDeleted, messageUpdateForChatList when it is the chat's newest message, and
     * unreadCountUpdated for the members who had not read it (a deleted message is not unread). Deleting a
     * tombstone again changes and publishes nothing.
     *
     * @throws dev.switchboard.sender.membership.ChatNotFoundException (as the Uni's failure) for an unknown chat or a non-member
     * @throws MessageNotFoundException when the chat has no such message
     * @throws NotTheAuthorException    when the caller did not send it
     */
    public Uni<Void> delete(UUID chatId, String messageId, String callerId) {
        return deadline.bound(transactions.inTransaction(tx -> lock.acquire(tx, chatId, callerId)
                .flatMap(locked -> authored(tx, chatId, messageId, callerId, "delete")
                        .flatMap(message -> {
                            if (message.deleted()) {
                                return Uni.createFrom().voidItem();
                            }
                            return messages.delete(tx, message.id())
                                    .flatMap(deletion -> readState
                                            .uncountDeleted(tx, chatId, message.senderId(), message.seq())
                                            .flatMap(counts -> outbox.write(
                                                    tx,
                                                    deleteEvents(
                                                            deletion.tombstone(), deletion.at(), locked, counts))));
                        }))));
    }

    private Uni<Message> authored(SqlConnection tx, UUID chatId, String messageId, String callerId, String action) {
        UUID id = MessageIds.parse(chatId, messageId);
        return messages.findInChat(tx, chatId, id)
                .onItem()
                .ifNull()
                .failWith(() -> new MessageNotFoundException(chatId, messageId))
                .invoke(message -> {
                    if (!message.senderId().equals(callerId)) {
                        throw new NotTheAuthorException(message.id(), action);
                    }
                });
    }

    private List<EventEnvelope> editEvents(Message edited, LockedChat locked) {
        List<EventEnvelope> published = new ArrayList<>(2);
        published.add(events.messageUpdated(edited, locked.readersOf(edited.seq())));
        if (edited.seq() == locked.chat().lastSeq()) {
            published.add(
                    events.chatListUpdate(edited, edited.seq(), locked.readersOf(edited.seq()), edited.editedAt()));
        }
        return published;
    }

    private List<EventEnvelope> deleteEvents(
            Message tombstone, Instant at, LockedChat locked, Map<String, Long> countsAfter) {
        List<EventEnvelope> published = new ArrayList<>(3);
        published.add(events.messageDeleted(tombstone, locked.readersOf(tombstone.seq()), at));
        if (tombstone.seq() == locked.chat().lastSeq()) {
            published.add(events.chatListUpdate(tombstone, tombstone.seq(), locked.readersOf(tombstone.seq()), at));
        }
        published.add(readEvents.unreadCountUpdated(
                tombstone.chatId(), UnreadChanges.between(locked.chat().lastSeq(), locked.members(), countsAfter), at));
        return published.stream().filter(Objects::nonNull).toList();
    }
}
