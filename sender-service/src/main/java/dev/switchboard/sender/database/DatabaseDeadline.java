package dev.switchboard.sender.database;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Bounds the database work of one request: every service method that goes to PostgreSQL returns its Uni through
 * {@link #bound}. The pool already bounds connecting and waiting for a connection ({@link BoundedPgPoolCreator});
 * this is the bound on everything after that (lock waits, a server that stopped answering), and it turns every
 * "PostgreSQL is unavailable" failure into one exception that the problem mapper answers with 503.
 */
@ApplicationScoped
public class DatabaseDeadline {

    private final Duration timeout;

    public DatabaseDeadline(DatabaseConfig config) {
        this.timeout = config.operationTimeout();
    }

    public <T> Uni<T> bound(Uni<T> work) {
        return work.ifNoItem()
                .after(timeout)
                .failWith(() -> new DatabaseUnavailableException(
                        "PostgreSQL did not answer within " + timeout.toMillis() + " ms"))
                .onFailure(e -> !(e instanceof DatabaseUnavailableException) && DatabaseFailures.isUnavailable(e))
                .transform(e -> new DatabaseUnavailableException(
                        "PostgreSQL is unavailable: " + DatabaseFailures.describe(e), e));
    }
}
