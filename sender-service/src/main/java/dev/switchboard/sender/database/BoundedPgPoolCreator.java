package dev.switchboard.sender.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The request pool, as Quarkus configures it from {@code quarkus.datasource.reactive.*}, plus the bounds Quarkus
 * has no keys for: the TCP connect timeout (the client's default is 60 s), a server-side statement timeout, and TCP
 * keepalive. The wait for a free connection is bounded by {@link Transactions}, not by the pool. With PostgreSQL
 * down a request then fails within seconds instead of hanging, and the pool reconnects by itself on the next
 * acquisition once it is back.
 */
@Singleton
public class BoundedPgPoolCreator implements PgPoolCreator {

    private final DatabaseConfig config;

    public BoundedPgPoolCreator(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings("deprecation") // Quarkus casts the result to PgPool.
    public Pool create(Input input) {
        // No acquisition timeout here: the pool's own leaks connections (see Transactions, which bounds the wait).
        PoolOptions poolOptions = new PoolOptions(input.poolOptions()).setConnectionTimeout(0);
        List<PgConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(options -> bounded(new PgConnectOptions(options)))
                .toList();
        return PgPool.pool(input.vertx(), servers, poolOptions);
    }

    PgConnectOptions bounded(PgConnectOptions options) {
        options.setConnectTimeout((int) config.connectTimeout().toMillis()).setTcpKeepAlive(true);
        if (!config.statementTimeout().isZero()) {
            // A startup parameter of every pool session; the relay's own session is not affected.
            options.addProperty(
                    "statement_timeout", Long.toString(config.statementTimeout().toMillis()));
        }
        return options;
    }
}
