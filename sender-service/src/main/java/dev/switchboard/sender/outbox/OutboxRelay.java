package dev.switchboard.sender.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.runtime.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Moves committed events from the outbox table to Redis: nothing committed is ever lost, and within a chat events
 * reach Redis in commit order. One relay is active across all senders ({@link RelayLeadership}); the others stand
 * by and retry the lock every {@code leader-retry-interval}.
 * <p>
 * A round: read the oldest {@code batch-size} rows in id order, PUBLISH them in one pipelined batch, delete them
 * in one statement, repeat while batches come back full. A NOTIFY from a committing transaction starts a round at
 * once; {@code poll-interval} is only the safety net for a missed notification. If Redis is down or times out, the
 * rows stay (last_error recorded, no attempt counted) and the round is retried with capped exponential backoff;
 * delivery is at least once (a crash between PUBLISH and DELETE repeats a batch; clients de-duplicate by event id).
 * <p>
 * A poison row, one the transport itself refuses ({@link PublishRound}), does not hold up the others: they are published
 * around it, and after {@code max-attempts} refusals it moves to {@code outbox_dead_letter} (a WARN line and
 * {@code switchboard_outbox_dead_lettered_total}). Later rows of its chat are not held back: a client sees the gap
 * in {@code seq} and reads history; an operator can re-publish with the admin API.
 * <p>
 * The loop runs on its own virtual thread and waits on each async step with a timeout. That keeps a strictly
 * sequential algorithm (one round at a time, backoff, hand-over) readable as plain code, never touches an event
 * loop thread, and costs no platform thread while it sleeps.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxConfig config;
    private final OutboxRepository repository;
    private final EventPublisher publisher;
    private final OutboxMetrics metrics;
    private final WakeSignal wake = new WakeSignal();
    private final RelayLeadership leadership;

    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile boolean running;
    private volatile boolean started;
    private Thread thread;

    OutboxRelay(
            OutboxConfig config,
            OutboxRepository repository,
            EventPublisher publisher,
            OutboxMetrics metrics,
            Vertx vertx,
            RelayDatabaseConfig database) {
        this.config = config;
        this.repository = repository;
        this.publisher = publisher;
        this.metrics = metrics;
        this.leadership = new RelayLeadership(
                vertx,
                RelayConnectOptions.from(
                        database.reactiveUrl(), database.username(), database.password(), config.operationTimeout()),
                config.lockKey(),
                config.notifyChannel(),
                config.operationTimeout(),
                wake);
        metrics.watchLeader(this::isLeader);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance (switchboard.outbox.relay-enabled=false)");
            started = true;
            return;
        }
        synchronized (this) {
            if (running) {
                return;
            }
            stopping = new CountDownLatch(1);
            running = true;
            thread = Thread.ofVirtual().name("outbox-relay").start(this::run);
        }
        started = true;
    }

    /**
     * Finishes the round in progress (bounded by {@code operation-timeout}), then ends the session so that a
     * standby takes the lock at once. Quarkus fires the ShutdownEvent after the HTTP server has finished its
     * in-flight requests, so the events they committed are usually published by this very relay before it lets go.
     */
    void stop(@Observes ShutdownEvent event) {
        Thread current;
        synchronized (this) {
            running = false;
            stopping.countDown();
            current = thread;
            thread = null;
        }
        wake.signal();
        if (current != null) {
            try {
                if (!current.join(config.operationTimeout().plusSeconds(1))) {
                    current.interrupt();
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

    /** Whether start-up got as far as starting the relay loop (or deciding not to run one). */
    public boolean isStarted() {
        return started;
    }

    public boolean isEnabled() {
        return config.relayEnabled();
    }

    private void run() {
        Backoff backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
        CountDownLatch stop = stopping;
        while (running) {
            try {
                if (!leadership.isLeader() && !leadership.tryAcquire()) {
                    pause(stop, config.leaderRetryInterval());
                    continue;
                }
                drain(stop);
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
                if (!pause(stop, wait)) {
                    return;
                }
            }
        }
    }

    /** Rounds until the outbox is empty (as far as this transaction-free read can see). */
    private void drain(CountDownLatch stop) {
        while (running) {
            SqlConnection connection = leadership.connection();
            List<OutboxRow> rows = onDatabase(() ->
                    repository.oldest(connection, config.batchSize()).await().atMost(config.operationTimeout()));
            if (rows.isEmpty()) {
                return;
            }
            metrics.round(rows.size());
            PublishRound.Outcome outcome = PublishRound.run(
                    rows, batch -> publisher.publish(batch).await().atMost(config.operationTimeout()));
            metrics.published(outcome.published());
            metrics.failed(outcome.failed());
            settle(connection, rows, outcome);
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            if (outcome.published().isEmpty()) {
                // Redis refused everything it was offered: back off like any failed round.
                throw new IllegalStateException("Redis refused every PUBLISH of the round: "
                        + describe(
                                outcome.blamed().isEmpty()
                                        ? outcome.unblamed().getFirst().error()
                                        : outcome.blamed().getFirst().error()));
            }
            LOG.debugf("published %d events", outcome.published().size());
            if (outcome.refusedAny()) {
                // Space the retries of a refused row a little; the rest of the backlog only waits this long.
                if (!pause(stop, config.retryInitialBackoff())) {
                    return;
                }
                continue;
            }
            if (rows.size() < config.batchSize()) {
                return;
            }
        }
    }

    /** Writes the round's outcome back: delete what went out, count refusals, record why the rest did not. */
    private void settle(SqlConnection connection, List<OutboxRow> rows, PublishRound.Outcome outcome) {
        if (!outcome.published().isEmpty()) {
            onDatabase(() ->
                    repository.delete(connection, outcome.published()).await().atMost(config.operationTimeout()));
        }
        Set<Long> settled = new HashSet<>();
        outcome.published().forEach(row -> settled.add(row.id()));
        outcome.blamed().forEach(refusal -> settled.add(refusal.row().id()));
        List<OutboxRow> notCounted =
                rows.stream().filter(row -> !settled.contains(row.id())).toList();
        for (PublishRound.Refusal refusal : outcome.blamed()) {
            String error = describe(refusal.error());
            int attempts = onDatabase(() -> repository
                    .markRefused(connection, refusal.row(), error)
                    .await()
                    .atMost(config.operationTimeout()));
            if (attempts >= config.maxAttempts()) {
                onDatabase(() ->
                        repository.deadLetter(connection, refusal.row()).await().atMost(config.operationTimeout()));
                metrics.deadLettered();
                logDeadLetter(refusal.row(), attempts, error);
            }
        }
        if (!notCounted.isEmpty()) {
            Throwable why = outcome.failure() != null
                    ? outcome.failure()
                    : outcome.unblamed().isEmpty()
                            ? null
                            : outcome.unblamed().getFirst().error();
            if (why != null) {
                onDatabase(() -> repository
                        .recordError(connection, notCounted, describe(why))
                        .await()
                        .atMost(config.operationTimeout()));
            }
        }
    }

    /** Ids only, never the payload: it holds message content. */
    private static void logDeadLetter(OutboxRow row, int attempts, String error) {
        String eventId = eventId(row.payload());
        MDC.put("outboxId", row.id());
        MDC.put("chatId", row.chatId());
        MDC.put("eventType", row.eventType());
        MDC.put("eventId", eventId);
        try {
            LOG.warnf(
                    "outbox row %d dead-lettered after %d refused attempts, it will not be pushed: eventType=%s "
                            + "chatId=%s eventId=%s lastError=%s",
                    row.id(), attempts, row.eventType(), row.chatId(), eventId, error);
        } finally {
            MDC.remove("outboxId");
            MDC.remove("chatId");
            MDC.remove("eventType");
            MDC.remove("eventId");
        }
    }

    /** The envelope's top-level "id"; "unknown" when the payload is not a JSON object with one. */
    static String eventId(String payload) {
        try {
            return JSON.readTree(payload).path("id").asText("unknown");
        } catch (Exception e) {
            return "unknown";
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
    private static boolean pause(CountDownLatch stop, Duration duration) {
        try {
            return !stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String describe(Throwable e) {
        Throwable shown = e;
        // Mutiny's await wraps checked failures (Redis error replies are) in a CompletionException.
        while (shown instanceof java.util.concurrent.CompletionException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
