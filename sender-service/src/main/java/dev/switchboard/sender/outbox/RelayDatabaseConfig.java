package dev.switchboard.sender.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The datasource keys the relay opens its own session with (not a pool connection: it holds the advisory lock and
 * LISTENs): the same database, URL and credentials as the reactive pool.
 */
@ConfigMapping(prefix = "quarkus.datasource")
public interface RelayDatabaseConfig {

    @WithName("reactive.url")
    String reactiveUrl();

    Optional<String> username();

    Optional<String> password();
}
