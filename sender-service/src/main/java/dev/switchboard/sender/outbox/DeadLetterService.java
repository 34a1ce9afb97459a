package dev.switchboard.sender.outbox;

import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.database.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** What an operator does with dead-lettered outbox rows: look at them, and put one back in the queue. */
@ApplicationScoped
public class DeadLetterService {

    private final Pool pool;
    private final Transactions transactions;
    private final DeadLetterRepository deadLetters;
    private final OutboxRepository outbox;
    private final DatabaseDeadline deadline;
    private final String notifyChannel;

    public DeadLetterService(
            Pool pool,
            Transactions transactions,
            DeadLetterRepository deadLetters,
            OutboxRepository outbox,
            DatabaseDeadline deadline,
            OutboxConfig config) {
        this.pool = pool;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.deadline = deadline;
        this.notifyChannel = config.notifyChannel();
    }

    public Uni<DeadLetterList> list(int limit) {
        return deadline.bound(deadLetters
                .oldest(pool, limit)
                .flatMap(rows -> deadLetters.count(pool).map(total -> new DeadLetterList(rows, total))));
    }

    /**
     * Moves the row back into the outbox, at the end of the queue (so it is published after events committed since:
     * clients order by seq and de-duplicate by id), and wakes the relay. Its refusal count starts over.
     *
     * @throws DeadLetterNotFoundException (as the Uni's failure) when there is no such dead letter
     */
    public Uni<DeadLetterRetry> retry(long id) {
        return deadline.bound(transactions.inTransaction(tx -> deadLetters
                .retry(tx, id)
                .onItem()
                .ifNull()
                .failWith(() -> new DeadLetterNotFoundException(Long.toString(id)))
                .call(outboxId -> outbox.notify(tx, notifyChannel))
                .map(outboxId -> new DeadLetterRetry(id, outboxId))));
    }
}
