package dev.switchboard.sender.receipt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes the coalesced receipt events of large chats when they fall due. Every sender looks, four times per
 * {@code coalesce-interval}, with one indexed query; senders that pick the same chat take turns on its row lock and
 * only the first finds it still due ({@link ReceiptService#flush}). A look still running skips the next tick, so
 * looks never pile up while PostgreSQL is slow; a failed chat stays due and is retried at the next look.
 */
@ApplicationScoped
public class ReceiptFlusher {

    private static final Logger LOG = Logger.getLogger(ReceiptFlusher.class);

    private final Vertx vertx;
    private final Pool pool;
    private final ReceiptRepository repository;
    private final ReceiptService service;
    private final ReceiptConfig config;
    private final Counter published;
    private final AtomicBoolean looking = new AtomicBoolean();
    private volatile long timer = -1;

    public ReceiptFlusher(
            Vertx vertx,
            Pool pool,
            ReceiptRepository repository,
            ReceiptService service,
            ReceiptConfig config,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.pool = pool;
        this.repository = repository;
        this.service = service;
        this.config = config;
        this.published = Counter.builder("switchboard.receipts.coalesced.events")
                .description("Coalesced messageDeliveredUpdated events written to the outbox by this sender")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(10, config.coalesceInterval().toMillis() / 4), id -> look());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void look() {
        if (!looking.compareAndSet(false, true)) {
            return;
        }
        repository
                .due(pool, config.flushBatch())
                .onItem()
                .transformToMulti(chats -> Multi.createFrom().iterable(chats))
                .onItem()
                .transformToUniAndConcatenate(chatId -> service.flush(chatId)
                        .onFailure()
                        .invoke(failure -> LOG.debugf("receipts of chat %s not flushed: %s", chatId, failure))
                        .onFailure()
                        .recoverWithItem(false))
                .filter(Boolean::booleanValue)
                .onItem()
                .invoke(flushed -> published.increment())
                .collect()
                .last()
                .onTermination()
                .invoke(() -> looking.set(false))
                .subscribe()
                .with(ignored -> {}, failure -> LOG.debugf("receipt flush look failed: %s", failure));
    }
}
