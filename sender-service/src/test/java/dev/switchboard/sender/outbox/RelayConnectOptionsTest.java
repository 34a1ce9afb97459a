package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayConnectOptionsTest {

    @Test
    void usesTheFirstHostOfThePoolUrlAndTheDatasourceCredentials() {
        PgConnectOptions options = RelayConnectOptions.from(
                "vertx-reactive:postgresql://db1:5433/switchboard,postgresql://db2:5433/switchboard",
                Optional.of("app"),
                Optional.of("secret"),
                Duration.ofSeconds(3));

        assertEquals("db1", options.getHost());
        assertEquals(5433, options.getPort());
        assertEquals("switchboard", options.getDatabase());
        assertEquals("app", options.getUser());
        assertEquals("secret", options.getPassword());
        assertEquals(3000, options.getConnectTimeout());
    }

    @Test
    void credentialsInTheUrlStayWhenNoneAreConfigured() {
        PgConnectOptions options = RelayConnectOptions.from(
                "postgresql://u:p@localhost/db", Optional.empty(), Optional.empty(), Duration.ofSeconds(1));

        assertEquals("u", options.getUser());
        assertEquals("p", options.getPassword());
        assertEquals(5432, options.getPort());
    }
}
