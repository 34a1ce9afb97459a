package dev.switchboard.sender.admin;

import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.Message;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import dev.switchboard.sender.membership.ChatLock;
import dev.switchboard.sender.membership.ChatNotFoundException;
import dev.switchboard.sender.message.MessageEvents;
import dev.switchboard.sender.message.MessageRepository;
import dev.switchboard.sender.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Re-publishes a chat's messages, for an operator repairing what clients were not pushed (a dead-lettered event,
 * a Redis flush): a messageAdded per message from a seq on, a messageDeleted for a tombstone, to the chat's current
 * members. Fresh event ids; clients de-duplicate by seq.
 */
@ApplicationScoped
public class RepublishService {

    private static final Logger LOG = Logger.getLogger(RepublishService.class);

    private final Transactions transactions;
    private final ChatLock lock;
    private final MessageRepository messages;
    private final MessageEvents events;
    private final OutboxWriter outbox;
    private final DatabaseDeadline deadline;
    private final int maxMessages;

    public RepublishService(
            Transactions transactions,
            ChatLock lock,
            MessageRepository messages,
            MessageEvents events,
            OutboxWriter outbox,
            DatabaseDeadline deadline,
            AdminConfig config) {
        this.transactions = transactions;
        this.lock = lock;
        this.messages = messages;
        this.events = events;
        this.outbox = outbox;
        this.deadline = deadline;
        this.maxMessages = config.republishMaxMessages();
    }

    /**
     * One transaction under the chat row lock, like every change of the chat, so the new outbox rows take their
     * place in the chat's commit order and the relay publishes them in seq order. At most
     * {@code switchboard.admin.republish-max-messages} messages per call.
     *
     * @throws ChatNotFoundException (as the Uni's failure) for an unknown chat
     */
    public Uni<RepublishResult> republish(UUID chatId, long fromSeq) {
        return deadline.bound(transactions
                .inTransaction(tx -> lock.acquireAsOperator(tx, chatId)
                        .flatMap(locked -> messages.fromSeq(tx, chatId, fromSeq, maxMessages + 1)
                                .flatMap(found -> {
                                    boolean more = found.size() > maxMessages;
                                    List<Message> batch = more ? found.subList(0, maxMessages) : found;
                                    Instant now = Instant.now();
                                    List<EventEnvelope> republished = new ArrayList<>(batch.size());
                                    for (Message message : batch) {
                                        republished.add(
                                                message.deleted()
                                                        ? events.messageDeleted(
                                                                message, locked.readersOf(message.seq()), now)
                                                        : events.messageAdded(
                                                                message, locked.readersOf(message.seq()), null));
                                    }
                                    Long next = more ? found.get(maxMessages).seq() : null;
                                    return outbox.write(tx, republished)
                                            .replaceWith(
                                                    new RepublishResult(chatId, fromSeq, republished.size(), next));
                                })))
                .invoke(result -> LOG.infof(
                        "re-published %d events of chat %s from seq %d (next from %s)",
                        result.events(), chatId, fromSeq, result.nextFromSeq())));
    }
}
