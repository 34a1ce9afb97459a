package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.RedisSubscription;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The relay finds the oldest outbox rows of each partition by walking the (partition, id) index in order and stopping
 * at its limit, never by reading the whole table or the whole partition. The table is a queue: between autovacuum
 * rounds its file is mostly dead rows while its statistics count a handful of live ones, and then the planner may
 * prefer reading the whole file (measured with the unpartitioned outbox: 25 ms per relay round at 100 MB, against
 * 0.9 ms through the index) or a bitmap of the whole partition; the relay's session rules both out.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class RelayQueryPlanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Integer[] ALL_PARTITIONS =
            IntStream.range(0, 64).boxed().toArray(Integer[]::new);

    @Inject
    Vertx vertx;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void onABloatedOutboxTheRelaySessionWalksEachPartitionsIndexInOrder() throws SQLException {
        String chatId = Api.createChat(Api.user("alice"), Api.user("bob"));
        bloatAsUnderLoad(chatId);

        // A relay session of its own (another lock space), so that the service's relay keeps running undisturbed.
        RelaySession session = new RelaySession(
                vertx,
                RelayConnectOptions.from(reactiveUrl, username, password, TIMEOUT),
                config.lockSpace() + 10,
                config.notifyChannel(),
                TIMEOUT,
                new WakeSignal(),
                "plan-test");
        try {
            session.open();
            String relay = StreamSupport.stream(
                            session.connection()
                                    .preparedQuery("EXPLAIN " + OutboxRepository.OLDEST)
                                    .execute(Tuple.of(ALL_PARTITIONS, config.batchSize()))
                                    .await()
                                    .atMost(TIMEOUT)
                                    .spliterator(),
                            false)
                    .map(row -> row.getString(0))
                    .collect(Collectors.joining("\n"));
            assertTrue(relay.contains("Index Scan using outbox_partition_id"), relay);
            assertFalse(relay.contains("Seq Scan on outbox"), relay);
            assertFalse(relay.contains("Bitmap Heap Scan on outbox"), relay);
        } finally {
            session.close();
        }
    }

    /**
     * Leaves the table as a minute of traffic leaves it between autovacuum rounds: a file full of dead rows, and
     * statistics that count a handful of live ones. All in one transaction, which the relay never sees: ANALYZE
     * counts the transaction's own deleted rows as dead and its own inserted ones as live.
     */
    private static void bloatAsUnderLoad(String chatId) throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            insertRows(c, chatId, 20_000);
            c.createStatement().executeUpdate("DELETE FROM outbox WHERE payload LIKE 'xxxx%'");
            insertRows(c, chatId, 8);
            c.createStatement().execute("ANALYZE outbox");
            c.createStatement().executeUpdate("DELETE FROM outbox WHERE payload LIKE 'xxxx%'");
            c.commit();
        }
    }

    private static void insertRows(Connection c, String chatId, int rows) throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO outbox (chat_id, partition, event_type, payload)"
                        + " SELECT ?, ?, 'messageAdded', repeat('x', 400) FROM generate_series(1, ?)")) {
            insert.setObject(1, UUID.fromString(chatId));
            insert.setInt(2, RedisSubscription.CHANNELS.partitions().of(UUID.fromString(chatId)));
            insert.setInt(3, rows);
            insert.executeUpdate();
        }
    }
}
