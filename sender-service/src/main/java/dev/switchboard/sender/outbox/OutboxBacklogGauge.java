package dev.switchboard.sender.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Refreshes {@code switchboard_outbox_pending_rows}, {@code switchboard_outbox_oldest_pending_age_seconds} and their
 * per-partition forms every {@code switchboard.outbox.stats-interval} on every instance (standbys too: the alert takes the max), with
 * one cheap query through the request pool. Never per scrape, and never two at a time: a refresh still running
 * (a slow or absent database) skips the next tick, so they cannot pile up. While PostgreSQL is down the values
 * keep their last reading (the age keeps growing).
 */
@ApplicationScoped
public class OutboxBacklogGauge {

    private static final Logger LOG = Logger.getLogger(OutboxBacklogGauge.class);

    private final Vertx vertx;
    private final Pool pool;
    private final OutboxRepository repository;
    private final OutboxMetrics metrics;
    private final OutboxConfig config;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long timer = -1;

    public OutboxBacklogGauge(
            Vertx vertx, Pool pool, OutboxRepository repository, OutboxMetrics metrics, OutboxConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.repository = repository;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(Math.max(100, config.statsInterval().toMillis()), id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        repository
                .stats(pool)
                .ifNoItem()
                .after(config.operationTimeout())
                .fail()
                .onTermination()
                .invoke(() -> refreshing.set(false))
                .subscribe()
                .with(metrics::pending, failure -> LOG.debugf("outbox stats not refreshed: %s", failure.getMessage()));
    }
}
