package dev.switchboard.sender.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * A relay's dedicated PostgreSQL session (outside the request pool) and the session-level advisory locks it holds:
 * one membership lock {@code (lock-space + 1, member id)} that says "this relay is alive", and one lock
 * {@code (lock-space, partition)} per partition it relays. A lock lives exactly as long as the session, so a relay
 * that crashes, is killed or loses its connection lets go of everything without any cleanup: the others see it gone
 * from {@link #members()} and take its partitions. The server notices a vanished client within about three seconds
 * (keepalives of one second, two probes), a killed process at once.
 * <p>
 * The same session LISTENs for commit notifications and runs every relay statement, so a relay whose session ended
 * cannot go on reading or deleting outbox rows; what it may still have in flight to Redis is stopped by the fence
 * ({@link FencedPublishScript}). Each acquisition of a partition raises that partition's epoch in
 * {@code outbox_partition}, in this session, after the lock is granted.
 * <p>
 * Every method blocks: they are called only from the relay's own thread.
 */
final class RelaySession {

    private static final Logger LOG = Logger.getLogger(RelaySession.class);

    // The outbox is a queue. Between autovacuum rounds (a minute apart by default) its file holds up to a minute
    // of dead rows while its statistics say it holds a handful, and the planner then reads the whole file for the
    // oldest rows instead of walking the index: measured at 1,250 sends/s, a 100 MB file, 25 ms per relay round
    // instead of 0.9 ms, a third of a core. A bitmap scan is no better: it reads every row of a partition to sort them
    // by id. Every relay statement walks an index in order and stops at its limit.
    static final String PREFER_INDEXES = "SET enable_seqscan = off; SET enable_bitmapscan = off";

    // A relay whose machine vanished without closing its socket holds its locks until the server gives up on it.
    static final String KEEPALIVES =
            "SET tcp_keepalives_idle = 1; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 2";

    static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1, $2) AS acquired";
    static final String UNLOCK = "SELECT pg_advisory_unlock($1, $2) AS released";

    static final String MEMBERS = """
            SELECT objid::bigint AS member FROM pg_locks
             WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND classid::bigint = $1
            """;

    static final String NEXT_EPOCH = """
            INSERT INTO outbox_partition (partition, epoch, owner, acquired_at) VALUES ($1, 1, $2, now())
            ON CONFLICT (partition) DO UPDATE
               SET epoch = outbox_partition.epoch + 1, owner = EXCLUDED.owner, acquired_at = EXCLUDED.acquired_at
            RETURNING epoch
            """;

    // Only on the session that holds the partition's lock: see OutboxRelay, a fence ahead of the database.
    static final String EPOCH_PAST = """
            UPDATE outbox_partition SET epoch = greatest(epoch, $2) + 1, owner = $3, acquired_at = now()
             WHERE partition = $1
            RETURNING epoch
            """;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final int lockSpace;
    private final String listenStatement;
    private final Duration timeout;
    private final WakeSignal wake;
    private final String instanceId;

    private volatile PgConnection connection;
    private int memberId;

    RelaySession(
            Vertx vertx,
            PgConnectOptions options,
            int lockSpace,
            String notifyChannel,
            Duration timeout,
            WakeSignal wake,
            String instanceId) {
        this.vertx = vertx;
        this.options = options;
        this.lockSpace = lockSpace;
        // An identifier, checked at start-up: LISTEN takes no bind parameters.
        this.listenStatement = "LISTEN " + notifyChannel;
        this.timeout = timeout;
        this.wake = wake;
        this.instanceId = instanceId;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** This relay's id among the live ones; valid while the session is open. */
    int memberId() {
        return memberId;
    }

    /** Connects, listens and joins the live relays; on any failure closes what it opened and throws. */
    void open() {
        PgConnection conn = PgConnection.connect(vertx, options).await().atMost(timeout);
        try {
            conn.query(PREFER_INDEXES).execute().await().atMost(timeout);
            conn.query(KEEPALIVES).execute().await().atMost(timeout);
            conn.notificationHandler(notification -> wake.signal(notification.getPayload()));
            conn.exceptionHandler(e -> LOG.debugf("relay connection error: %s", e.getMessage()));
            conn.closeHandler(() -> onClosed(conn));
            conn.query(listenStatement).execute().await().atMost(timeout);
            memberId = join(conn);
            connection = conn;
        } catch (RuntimeException e) {
            conn.closeAndForget();
            throw e;
        }
        LOG.infof("outbox relay %d (%s) joined the live relays", memberId, instanceId);
    }

    /** Ids of every live relay, this one included. */
    List<Integer> members() {
        List<Integer> members = new ArrayList<>();
        for (Row row : connection()
                .preparedQuery(MEMBERS)
                .execute(Tuple.of((long) lockSpace + 1))
                .await()
                .atMost(timeout)) {
            members.add((int) row.getLong("member").longValue());
        }
        return members;
    }

    /** @return the partition's new epoch when its lock was free and is now this session's; empty when another holds it */
    OptionalLong acquire(int partition) {
        SqlConnection conn = connection();
        boolean acquired = conn.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(lockSpace, partition))
                .await()
                .atMost(timeout)
                .iterator()
                .next()
                .getBoolean("acquired");
        if (!acquired) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(conn.preparedQuery(NEXT_EPOCH)
                .execute(Tuple.of(partition, instanceId))
                .await()
                .atMost(timeout)
                .iterator()
                .next()
                .getLong("epoch"));
    }

    /** Raises the held partition's epoch past {@code fence}; @return the new epoch */
    long raiseEpochPast(int partition, long fence) {
        return connection()
                .preparedQuery(EPOCH_PAST)
                .execute(Tuple.of(partition, fence, instanceId))
                .await()
                .atMost(timeout)
                .iterator()
                .next()
                .getLong("epoch");
    }

    void release(int partition) {
        connection()
                .preparedQuery(UNLOCK)
                .execute(Tuple.of(lockSpace, partition))
                .await()
                .atMost(timeout);
    }

    /** The session's connection, for relay statements. */
    SqlConnection connection() {
        PgConnection conn = connection;
        if (conn == null) {
            throw new IllegalStateException("the outbox relay's session is closed");
        }
        return conn;
    }

    /** Ends the session: every lock goes with it, and the other relays take the partitions at their next look. */
    void close() {
        PgConnection conn = connection;
        connection = null;
        if (conn != null) {
            try {
                conn.close().await().atMost(timeout);
            } catch (RuntimeException e) {
                LOG.debugf("closing the relay connection: %s", e.getMessage());
            }
        }
    }

    /** A random member id whose lock is free (ids are random so that no relay needs to know the others first). */
    private int join(PgConnection conn) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            boolean joined = conn.preparedQuery(TRY_LOCK)
                    .execute(Tuple.of(lockSpace + 1, candidate))
                    .await()
                    .atMost(timeout)
                    .iterator()
                    .next()
                    .getBoolean("acquired");
            if (joined) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free relay member id after 10 tries");
    }

    /** Runs on an event loop when the session ends for any reason; its locks went with it. */
    private void onClosed(PgConnection conn) {
        if (connection != conn) {
            return;
        }
        connection = null;
        LOG.warn("the outbox relay's session ended: its partitions are free for the other relays");
        wake.signal();
    }
}
