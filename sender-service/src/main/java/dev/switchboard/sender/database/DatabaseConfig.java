package dev.switchboard.sender.database;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * switchboard.database.*: how long a request may wait on PostgreSQL before it is answered 503. Meanings in
 * application.properties; {@code quarkus.datasource.reactive.*} has no keys for these waits.
 */
@ConfigMapping(prefix = "switchboard.database")
public interface DatabaseConfig {

    /** TCP connect of a new pool connection. */
    Duration connectTimeout();

    /** Wait for a free pool connection (including the connect of a new one). */
    Duration acquireTimeout();

    /** Bound on one whole request's database work (every statement of its transaction). */
    Duration operationTimeout();

    /** Server-side bound on one statement (PostgreSQL statement_timeout of the pool's sessions). */
    Duration statementTimeout();

    /** Retry-After of a 503 answered because PostgreSQL is unavailable. */
    Duration retryAfter();
}
