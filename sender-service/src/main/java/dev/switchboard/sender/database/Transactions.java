package dev.switchboard.sender.database;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs work in one transaction on a pool connection, waiting at most {@code switchboard.database.acquire-timeout}
 * for the connection. This replaces {@code Pool.withTransaction} with the pool's own acquisition timeout, which
 * leaks: in Vert.x 4.5 a waiter whose timeout fired can still be handed a connection, and nobody gives that one
 * back. Under overload the pool lost its connections that way until every request answered 503 (the load generator
 * left 17 of 20 connections of a sender leased forever after one burst). Here the timer and the connection race for
 * one claim, and a connection that arrives after the caller gave up goes straight back to the pool.
 * <p>
 * Once it has its connection the transaction runs to its end even if the caller stops waiting (the request's
 * deadline): it commits or rolls back and returns the connection, as {@code Pool.withTransaction} did.
 * <p>
 * BEGIN is not a round trip of its own: it goes out and the work's first statement follows it at once on the same
 * connection (the PostgreSQL client pipelines), and {@link PipelinedCommit} lets the work do the same with COMMIT.
 * A send thus costs three round trips instead of five. The connection's own transaction API cannot do this: its
 * begin waits for the answer to BEGIN.
 */
@ApplicationScoped
public class Transactions {

    private final Pool pool;
    private final Vertx vertx;
    private final long acquireTimeoutMillis;

    public Transactions(Pool pool, Vertx vertx, DatabaseConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.acquireTimeoutMillis = config.acquireTimeout().toMillis();
    }

    /** Commits when {@code work} succeeds, rolls back when it fails; the Uni ends with the work's outcome. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return inTransaction((connection, commit) -> work.apply(connection));
    }

    /**
     * As {@link #inTransaction(Function)}, for work that ends with {@link PipelinedCommit#after}: then the commit
     * has gone out with its last statement, and only a work that did not get there is rolled back.
     */
    public <T> Uni<T> inTransaction(BiFunction<SqlConnection, PipelinedCommit, Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean claimed = new AtomicBoolean();
            long timer = vertx.setTimer(acquireTimeoutMillis, id -> {
                if (claimed.compareAndSet(false, true)) {
                    emitter.fail(new DatabaseUnavailableException(
                            "no database connection was free within " + acquireTimeoutMillis + " ms"));
                }
            });
            emitter.onTermination(() -> {
                if (claimed.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer); // the caller went away before a connection came
                }
            });
            pool.getConnection()
                    .subscribe()
                    .with(
                            connection -> {
                                if (!claimed.compareAndSet(false, true)) {
                                    connection.closeAndForget();
                                    return;
                                }
                                vertx.cancelTimer(timer);
                                run(connection, work, emitter);
                            },
                            failure -> {
                                if (claimed.compareAndSet(false, true)) {
                                    vertx.cancelTimer(timer);
                                    emitter.fail(failure);
                                }
                            });
        });
    }

    private static <T> void run(
            SqlConnection connection,
            BiFunction<SqlConnection, PipelinedCommit, Uni<T>> work,
            UniEmitter<? super T> emitter) {
        PipelinedCommit commit = new PipelinedCommit(connection);
        // Sent now; the work's first statement queues right behind it. Its answer comes first, so by the time the
        // work is done it is known. (A BEGIN that fails on a working connection does not happen; on a broken one
        // everything behind it fails too.)
        Future<?> begun = connection.getDelegate().query("BEGIN").execute();
        Uni.createFrom()
                .deferred(() -> work.apply(connection, commit))
                .call(() -> Uni.createFrom().completionStage(begun.toCompletionStage()))
                .call(() -> commit.issued()
                        ? Uni.createFrom().voidItem()
                        : connection.query("COMMIT").execute())
                .onFailure()
                .call(() -> commit.issued()
                        ? Uni.createFrom().voidItem()
                        // A failed statement aborted the transaction; ROLLBACK ends it either way.
                        : connection.query("ROLLBACK").execute().onFailure().recoverWithNull())
                .onTermination()
                .call(connection::close)
                .subscribe()
                .with(emitter::complete, emitter::fail);
    }
}
