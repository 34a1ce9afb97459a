package dev.switchboard.sender.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.Partitions;
import dev.switchboard.runtime.Backoff;
import dev.switchboard.sender.SenderConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Moves committed events from the outbox table to Redis: nothing committed is ever lost, and within a chat events
 * reach Redis in commit order. Every sender runs a relay; together they share the partitions (ADR 0012). A relay
 * holds the partitions {@link PartitionAssignment} gives it among the live relays ({@link RelaySession}), looks again
 * every {@code rebalance-interval}, lets go of partitions a newcomer should have and takes those of a relay that died.
 * <p>
 * A round: read the oldest rows of every held partition ({@code batch-size} at most of each), publish each partition's
 * rows in one fenced call ({@link EventPublisher}, partitions side by side), delete what went out in one statement,
 * repeat while some partition came back full. A NOTIFY from a committing transaction starts a round at once;
 * {@code poll-interval} is only the safety net for a missed notification. A partition whose transport is down or
 * times out keeps its rows (last_error recorded, no attempt counted) and is retried with its own capped exponential
 * backoff while the other partitions go on; delivery is at least once (a crash between PUBLISH and DELETE repeats a
 * batch; clients de-duplicate by event id). A publish refused by the partition's fence ends the round for that
 * partition; the relay raises its epoch past the fence on its session, which only works while it still holds the lock.
 * <p>
 * A poison row, one the transport itself refuses ({@link PublishRound}), does not hold up the others: they are published
 * around it, and after {@code max-attempts} refusals it moves to {@code outbox_dead_letter} (a WARN line and
 * {@code switchboard_outbox_dead_lettered_total}). Later rows of its chat are not held back: a client sees the gap
 * in {@code seq} and reads history; an operator can re-publish with the admin API.
 * <p>
 * The loop runs on its own virtual thread and waits on each async step with a timeout. That keeps a strictly
 * sequential algorithm (one round at a time, backoff, hand-over) readable as plain code, never touches an event
 * loop thread, and costs no platform thread while it sleeps. A failed database step ends the session (every lock
 * with it) and starts over with a new one.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxConfig config;
    private final OutboxRepository repository;
    private final EventPublisher publisher;
    private final OutboxMetrics metrics;
    private final Partitions partitions;
    private final WakeSignal wake = new WakeSignal();
    private final RelaySession session;
    /** Touched by the relay thread only. */
    private final Map<Integer, HeldPartition> held = new TreeMap<>();

    /** One virtual thread per partition published in a round; made at each start, ended at each stop. */
    private volatile ExecutorService publishers;

    private volatile List<Integer> heldSnapshot = List.of();
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile boolean running;
    private volatile boolean started;
    private Thread thread;

    OutboxRelay(
            OutboxConfig config,
            OutboxRepository repository,
            EventPublisher publisher,
            OutboxMetrics metrics,
            Partitions partitions,
            SenderConfig senderConfig,
            Vertx vertx,
            RelayDatabaseConfig database) {
        this.config = config;
        this.repository = repository;
        this.publisher = publisher;
        this.metrics = metrics;
        this.partitions = partitions;
        this.session = new RelaySession(
                vertx,
                RelayConnectOptions.from(
                        database.reactiveUrl(), database.username(), database.password(), config.operationTimeout()),
                config.lockSpace(),
                config.notifyChannel(),
                config.operationTimeout(),
                wake,
                senderConfig.instanceId());
        metrics.watchHeld(() -> heldSnapshot);
    }

    /** After {@link PartitionSetup} (priority 10): the relay starts on a database that knows every row's partition. */
    void start(@Observes @Priority(20) StartupEvent event) {
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
            publishers = Executors.newVirtualThreadPerTaskExecutor();
            running = true;
            thread = Thread.ofVirtual().name("outbox-relay").start(this::run);
        }
        started = true;
    }

    /**
     * Finishes the round in progress (bounded by {@code operation-timeout}), then ends the session so that the other
     * relays take its partitions at their next look. Quarkus fires the ShutdownEvent after the HTTP server has
     * finished its in-flight requests, so the events they committed are usually published by this very relay before
     * it lets go.
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
        session.close();
        heldSnapshot = List.of();
        ExecutorService ended = publishers;
        if (ended != null) {
            ended.shutdownNow();
        }
    }

    /** The partitions this instance's relay holds right now, ascending. */
    public List<Integer> heldPartitions() {
        return heldSnapshot;
    }

    /** Whether this instance relays at least one partition right now. */
    public boolean isRelaying() {
        return !heldSnapshot.isEmpty();
    }

    /** The deployment's partition count, as this sender was configured (and checked against PostgreSQL). */
    public int partitionCount() {
        return partitions.count();
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
        long nextLook = System.nanoTime();
        WakeSignal.Wake wake = WakeSignal.Wake.everything();
        while (running) {
            try {
                if (!session.isOpen()) {
                    letGoOfEverything();
                    session.open();
                    nextLook = System.nanoTime();
                }
                if (System.nanoTime() - nextLook >= 0) {
                    onDatabase(this::rebalance);
                    nextLook = System.nanoTime() + config.rebalanceInterval().toNanos();
                    wake = WakeSignal.Wake.everything(); // newly held partitions may have a backlog
                }
                drain(wake);
                backoff.reset();
                wake = this.wake.await(nextWait(nextLook));
                if (wake.signalled() && config.wakeLinger().isPositive()) {
                    wake = wake.and(this.wake.collect(config.wakeLinger()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                letGoOfEverything();
                Duration wait = backoff.next();
                LOG.warnf("outbox relay round failed, retrying in %d ms: %s", wait.toMillis(), describe(e));
                if (!pause(stop, wait)) {
                    return;
                }
            }
        }
    }

    /** Until the next look at the members, the next partition out of backoff, or the poll, whichever comes first. */
    private Duration nextWait(long nextLook) {
        long now = System.nanoTime();
        long wait = Math.min(config.pollInterval().toNanos(), nextLook - now);
        for (HeldPartition partition : held.values()) {
            if (!partition.isReady(now)) {
                wait = Math.min(wait, partition.notBeforeNanos() - now);
            }
        }
        return Duration.ofNanos(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
    }

    /** Holds exactly the partitions the assignment gives this relay among the live ones (as far as locks allow). */
    private void rebalance() {
        Set<Integer> wanted = PartitionAssignment.of(partitions.count(), session.members(), session.memberId());
        List<Integer> released = new ArrayList<>();
        for (Integer partition : new ArrayList<>(held.keySet())) {
            if (!wanted.contains(partition)) {
                session.release(partition);
                held.remove(partition);
                released.add(partition);
            }
        }
        List<Integer> acquired = new ArrayList<>();
        for (Integer partition : wanted) {
            if (!held.containsKey(partition)) {
                session.acquire(partition).ifPresent(epoch -> {
                    held.put(
                            partition,
                            new HeldPartition(
                                    partition, epoch, config.retryInitialBackoff(), config.retryMaxBackoff()));
                    acquired.add(partition);
                });
            }
        }
        if (!released.isEmpty() || !acquired.isEmpty()) {
            heldSnapshot = List.copyOf(held.keySet());
            LOG.infof(
                    "outbox relay now holds %d of %d partitions (took %s, gave up %s)",
                    held.size(), partitions.count(), acquired, released);
        }
    }

    /**
     * Rounds until no partition the wake-up names has a full batch waiting (as far as this transaction-free read can
     * see); after the first round, only the partitions that came back full are read again.
     */
    private void drain(WakeSignal.Wake wake) {
        Set<Integer> again = null;
        while (running) {
            long now = System.nanoTime();
            Set<Integer> onlyThese = again;
            int[] ready = held.values().stream()
                    .filter(p -> onlyThese == null ? p.wanted(wake, now) : onlyThese.contains(p.partition()))
                    .mapToInt(HeldPartition::partition)
                    .toArray();
            if (ready.length == 0) {
                return;
            }
            SqlConnection connection = session.connection();
            List<OutboxRow> rows = onDatabase(() -> repository
                    .oldest(connection, ready, config.batchSize())
                    .await()
                    .atMost(config.operationTimeout()));
            if (rows.isEmpty()) {
                return;
            }
            metrics.round(rows.size());
            Map<Integer, List<OutboxRow>> byPartition = new LinkedHashMap<>();
            rows.forEach(row -> byPartition
                    .computeIfAbsent(row.partition(), p -> new ArrayList<>())
                    .add(row));
            Map<Integer, PublishRound.Outcome> outcomes = publishAll(byPartition);
            settle(connection, byPartition, outcomes);
            again = afterRound(byPartition, outcomes);
            if (again.isEmpty()) {
                return;
            }
        }
    }

    /** Each partition's round, side by side (they go to different channels, often to different Redis nodes). */
    private Map<Integer, PublishRound.Outcome> publishAll(Map<Integer, List<OutboxRow>> byPartition) {
        Map<Integer, Future<PublishRound.Outcome>> running = new LinkedHashMap<>();
        byPartition.forEach((partition, rows) -> {
            long epoch = held.get(partition).epoch();
            running.put(
                    partition,
                    publishers.submit(() -> PublishRound.run(
                            rows,
                            batch -> publisher
                                    .publish(new EventPublisher.PartitionBatch(partition, epoch, batch))
                                    .await()
                                    .atMost(config.operationTimeout()))));
        });
        Map<Integer, PublishRound.Outcome> outcomes = new LinkedHashMap<>();
        running.forEach((partition, future) -> outcomes.put(partition, join(future)));
        return outcomes;
    }

    private static PublishRound.Outcome join(Future<PublishRound.Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /**
     * What each partition's outcome means for it: fenced, raise the epoch past the fence and read again; failed (or
     * refused whole), back off; refused rows, a short pause. @return the partitions to read again at once (they came
     * back full, or were fenced)
     */
    private Set<Integer> afterRound(
            Map<Integer, List<OutboxRow>> byPartition, Map<Integer, PublishRound.Outcome> outcomes) {
        Set<Integer> again = new HashSet<>();
        long now = System.nanoTime();
        for (Map.Entry<Integer, PublishRound.Outcome> entry : outcomes.entrySet()) {
            int partition = entry.getKey();
            PublishRound.Outcome outcome = entry.getValue();
            HeldPartition holding = held.get(partition);
            metrics.published(outcome.published());
            metrics.failed(outcome.failed());
            if (outcome.fenced()) {
                // This relay's session still holds the partition's lock (the statement below runs on it, and fails if
                // the session is gone), so no relay of this database got a newer epoch since ours: the fence comes from
                // another history of it (a restore from a backup) or another deployment on the same channels. Step
                // past it; a relay that really lost the lock fails here and starts over with a new session.
                long raised = onDatabase(() -> session.raiseEpochPast(partition, outcome.fence()));
                held.put(
                        partition,
                        new HeldPartition(partition, raised, config.retryInitialBackoff(), config.retryMaxBackoff()));
                LOG.warnf(
                        "outbox partition %d: Redis holds epoch %d, newer than this relay's %d, although this relay "
                                + "holds the partition's lock (a database restored from a backup, or another "
                                + "deployment publishing on the same channel prefix?): epoch raised to %d",
                        partition, outcome.fence(), holding.epoch(), raised);
                again.add(partition);
                continue;
            }
            if (outcome.failure() != null || outcome.published().isEmpty()) {
                Throwable why = outcome.failure() != null
                        ? outcome.failure()
                        : outcome.blamed().isEmpty()
                                ? outcome.unblamed().getFirst().error()
                                : outcome.blamed().getFirst().error();
                Duration wait = holding.failed(now);
                if (holding.failuresInARow() % 10 == 1) {
                    LOG.warnf(
                            "publishing outbox partition %d failed (%d in a row), retrying in %d ms: %s",
                            partition, holding.failuresInARow(), wait.toMillis(), describe(why));
                }
                continue;
            }
            holding.succeeded();
            if (outcome.refusedAny()) {
                // Space the retries of a refused row a little; the rest of the partition only waits this long.
                holding.pauseFor(config.retryInitialBackoff(), now);
            } else if (byPartition.get(partition).size() >= config.batchSize()) {
                again.add(partition);
            }
        }
        return again;
    }

    /** Writes the round's outcome back: delete what went out, count refusals, record why the rest did not. */
    private void settle(
            SqlConnection connection,
            Map<Integer, List<OutboxRow>> byPartition,
            Map<Integer, PublishRound.Outcome> outcomes) {
        List<OutboxRow> published = new ArrayList<>();
        outcomes.values().forEach(outcome -> published.addAll(outcome.published()));
        if (!published.isEmpty()) {
            onDatabase(() -> repository.delete(connection, published).await().atMost(config.operationTimeout()));
        }
        outcomes.forEach((partition, outcome) -> settleRefusals(connection, byPartition.get(partition), outcome));
    }

    private void settleRefusals(SqlConnection connection, List<OutboxRow> rows, PublishRound.Outcome outcome) {
        if (outcome.fenced()) {
            return; // not this relay's fault: they are published under the raised epoch next round
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

    /** The session is gone (or about to be): its locks went with it, so nothing is held any more. */
    private void letGoOfEverything() {
        session.close();
        if (!held.isEmpty()) {
            LOG.infof("outbox relay let go of its %d partitions", held.size());
        }
        held.clear();
        heldSnapshot = List.of();
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
     * A failed or timed-out statement leaves the session in an unknown state: end it (every lock goes with it) and
     * start over; the other relays take the partitions meanwhile, which is fine.
     */
    private <T> T onDatabase(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            letGoOfEverything();
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
