package dev.switchboard.sender.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Leadership of the relay: a session-level advisory lock on a dedicated connection (outside the request pool).
 * The lock lives exactly as long as that session, so a leader that crashes, is killed or loses its connection
 * releases it without any cleanup, and a standby's next {@link #tryAcquire()} takes over. The same connection
 * LISTENs for the commit notifications and runs every relay statement, so an instance that has lost the lock
 * cannot go on reading or deleting outbox rows.
 * <p>
 * {@link #tryAcquire()} and {@link #resign()} block: they are called only from the relay's own thread.
 */
final class RelayLeadership {

    private static final Logger LOG = Logger.getLogger(RelayLeadership.class);

    static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1) AS acquired";

    // The outbox is a queue. Between autovacuum rounds (a minute apart by default) its file holds up to a minute
    // of dead rows while its statistics say it holds a handful, and the planner then reads the whole file for the
    // oldest rows instead of walking the primary key: measured at 1,250 sends/s, a 100 MB file, 25 ms per relay
    // round instead of 0.9 ms, a third of a core. Every relay statement finds its rows by id.
    static final String PREFER_INDEXES = "SET enable_seqscan = off";

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final long lockKey;
    private final String listenStatement;
    private final Duration timeout;
    private final WakeSignal wake;

    private volatile PgConnection connection;
    private volatile boolean leader;

    RelayLeadership(
            Vertx vertx,
            PgConnectOptions options,
            long lockKey,
            String notifyChannel,
            Duration timeout,
            WakeSignal wake) {
        this.vertx = vertx;
        this.options = options;
        this.lockKey = lockKey;
        // An identifier, checked at start-up: LISTEN takes no bind parameters.
        this.listenStatement = "LISTEN " + notifyChannel;
        this.timeout = timeout;
        this.wake = wake;
    }

    boolean isLeader() {
        return leader;
    }

    /** @return true when this instance now holds the lock (and listens); false when another instance does */
    boolean tryAcquire() {
        try {
            PgConnection conn = connection == null ? connect() : connection;
            boolean acquired = conn.preparedQuery(TRY_LOCK)
                    .execute(Tuple.of(lockKey))
                    .await()
                    .atMost(timeout)
                    .iterator()
                    .next()
                    .getBoolean("acquired");
            if (!acquired) {
                return false;
            }
            conn.query(listenStatement).execute().await().atMost(timeout);
            leader = true;
            LOG.infof("this instance is now the active outbox relay (lock %d)", lockKey);
            return true;
        } catch (RuntimeException e) {
            // Whatever state the session is in (a lock granted after our timeout?), start again from a new one.
            resign();
            throw e;
        }
    }

    /** The leader's connection, for relay statements. */
    SqlConnection connection() {
        PgConnection conn = connection;
        if (!leader || conn == null) {
            throw new IllegalStateException("not the outbox relay leader");
        }
        return conn;
    }

    /** Gives up the lock by ending the session: another instance can take over at once. */
    void resign() {
        boolean wasLeader = leader;
        leader = false;
        PgConnection conn = connection;
        connection = null;
        if (conn != null) {
            try {
                conn.close().await().atMost(timeout);
            } catch (RuntimeException e) {
                LOG.debugf("closing the relay connection: %s", e.getMessage());
            }
        }
        if (wasLeader) {
            LOG.info("this instance stopped being the outbox relay");
        }
    }

    private PgConnection connect() {
        PgConnection conn = PgConnection.connect(vertx, options).await().atMost(timeout);
        try {
            conn.query(PREFER_INDEXES).execute().await().atMost(timeout);
        } catch (RuntimeException e) {
            conn.closeAndForget();
            throw e;
        }
        conn.notificationHandler(notification -> wake.signal());
        conn.exceptionHandler(e -> LOG.debugf("relay connection error: %s", e.getMessage()));
        conn.closeHandler(() -> onClosed(conn));
        connection = conn;
        return conn;
    }

    /** Runs on an event loop when the session ends for any reason; the lock went with it. */
    private void onClosed(PgConnection conn) {
        if (connection != conn) {
            return;
        }
        connection = null;
        if (leader) {
            leader = false;
            LOG.warn("the outbox relay connection closed: leadership lost, trying to re-acquire");
        }
        wake.signal();
    }
}
