package dev.switchboard.sender.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * switchboard.database.*: bounds on every wait for PostgreSQL; past them a request answers 503
 * ({@code quarkus.datasource.reactive.*} has no keys for these waits).
 */
@ConfigMapping(prefix = "switchboard.database")
public interface DatabaseConfig {

    /** TCP connect of a new pool connection. */
    @WithDefault("2s")
    @DurationMin(millis = 1)
    Duration connectTimeout();

    /**
     * Wait for a free pool connection, the connect of a new one included, before a transaction (every write); a
     * single read waits within {@link #operationTimeout()}.
     */
    @WithDefault("2s")
    @DurationMin(millis = 1)
    Duration acquireTimeout();

    /** Bound on one request's whole database work; the backstop when the server stops answering at all. */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration operationTimeout();

    /**
     * PostgreSQL statement_timeout of the pool's sessions (lock waits included): the statement fails, its transaction
     * rolls back, the request answers 503. Below operation-timeout so that a slow request is undone, not left
     * running. 0 turns it off.
     */
    @WithDefault("4s")
    @DurationMin(millis = 0)
    Duration statementTimeout();

    /** Retry-After (whole seconds) of a 503 answered because PostgreSQL is unavailable. */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration retryAfter();
}
