package dev.switchboard.sender.outbox;

import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * Connection options for the relay's own connection, from the same settings as the request pool
 * (quarkus.datasource.reactive.url, username, password), so that there is nothing extra to configure.
 */
public final class RelayConnectOptions {

    private static final String QUARKUS_PREFIX = "vertx-reactive:";

    private RelayConnectOptions() {}

    /** @param reactiveUrl the pool URL; when it lists several hosts, the first one */
    public static PgConnectOptions from(
            String reactiveUrl, Optional<String> username, Optional<String> password, Duration connectTimeout) {
        String url = reactiveUrl.split(",")[0].strip();
        if (url.startsWith(QUARKUS_PREFIX)) {
            url = url.substring(QUARKUS_PREFIX.length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options.setConnectTimeout((int) connectTimeout.toMillis())
                .setCachePreparedStatements(true)
                // TCP keepalive: a peer that vanished without closing the socket is eventually noticed.
                .setTcpKeepAlive(true);
    }
}
