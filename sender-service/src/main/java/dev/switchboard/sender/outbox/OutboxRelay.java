package dev.switchboard.sender.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Moves committed events from the outbox table to Redis: nothing committed is ever lost, and within a chat events
 * reach Redis in commit order. One relay is active across all senders ({@link RelayLeadership}); the others stand
 * by and retry the lock every {@code leader-retry-interval}.
 * <p>
 * A round: read the oldest {@code batch-size} rows in id order, PUBLISH them in one pipelined batch, delete them
 * in one statement, repeat while batches come back full. A NOTIFY from a committing transaction starts a round at
 * once; {@code poll-interval} is only the safety net for a missed notification. If Redis fails, the rows stay
 * (attempts and last_error recorded) and the round is retried with capped exponential backoff; a row is never
 * skipped, so delivery is at least once (a crash between PUBLISH and DELETE repeats a batch; clients de-duplicate
 * by event id).
 * <p>
 * The loop runs on its own virtual thread and waits on each async step with a timeout. That keeps a strictly
 * sequential algorithm (one round at a time, backoff, hand-over) readable as plain code, never touches an event
 * loop thread, and costs no platform thread while it sleeps.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final OutboxConfig config;
    private final OutboxRepository repository;
    private final RedisEventPublisher publisher;
    private final WakeSignal wake = new WakeSignal();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final RelayLeadership leadership;

    private volatile boolean running;
    private Thread thread;

    OutboxRelay(OutboxConfig config, OutboxRepository repository, RedisEventPublisher publisher, Vertx vertx,
                @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.repository = repository;
        this.publisher = publisher;
        this.leadership = new RelayLeadership(vertx,
                RelayConnectOptions.from(reactiveUrl, username, password, config.operationTimeout()),
                config.lockKey(), config.notifyChannel(), config.operationTimeout(), wake);
    }

    void start(@Observes StartupEvent event) {
        if (!CHANNEL_NAME.matcher(config.notifyChannel()).matches()) {
            throw new IllegalStateException("switchboard.outbox.notify-channel must be a lower-case SQL identifier, got "
                    + config.notifyChannel());
        }
        if (config.batchSize() < 1) {
            throw new IllegalStateException("switchboard.outbox.batch-size must be at least 1");
        }
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance (switchboard.outbox.relay-enabled=false)");
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("outbox-relay").start(this::run);
    }

    /** Finishes the round in progress, then ends the session so that a standby takes over at once. */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopping.countDown();
        wake.signal();
        if (thread != null) {
            try {
                if (!thread.join(config.operationTimeout().plusSeconds(1))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        leadership.resign();
    }

    /** Whether this instance is the active relay right now. */
    public boolean isLeader() {
        return leadership.isLeader();
    }

    private void run() {
        Backoff backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
        while (running) {
            try {
                if (!leadership.isLeader() && !leadership.tryAcquire()) {
                    pause(config.leaderRetryInterval());
                    continue;
                }
                drain();
                backoff.reset();
                wake.await(config.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration wait = backoff.next();
                LOG.warnf("outbox relay round failed, retrying in %d ms: %s", wait.toMillis(), describe(e));
                if (!pause(wait)) {
                    return;
                }
            }
        }
    }

    /** Rounds until the outbox is empty (as far as this transaction-free read can see). */
    private void drain() {
        while (running) {
            SqlConnection connection = leadership.connection();
            List<OutboxRow> rows = onDatabase(() -> repository.oldest(connection, config.batchSize())
                    .await().atMost(config.operationTimeout()));
            if (rows.isEmpty()) {
                return;
            }
            try {
                publisher.publish(rows).await().atMost(config.operationTimeout());
            } catch (RuntimeException e) {
                onDatabase(() -> repository.markFailed(connection, rows, describe(e))
                        .await().atMost(config.operationTimeout()));
                throw e;
            }
            onDatabase(() -> repository.delete(connection, rows).await().atMost(config.operationTimeout()));
            LOG.debugf("published %d events", rows.size());
            if (rows.size() < config.batchSize()) {
                return;
            }
        }
    }

    /**
     * A failed or timed-out statement leaves the session in an unknown state: give up the lock and start over
     * (another instance may well take over meanwhile, which is fine).
     */
    private <T> T onDatabase(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            leadership.resign();
            throw e;
        }
    }

    private void onDatabase(Runnable step) {
        onDatabase(() -> {
            step.run();
            return null;
        });
    }

    /** @return false when the relay is stopping */
    private boolean pause(Duration duration) {
        try {
            return !stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
