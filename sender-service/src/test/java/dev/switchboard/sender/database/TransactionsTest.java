package dev.switchboard.sender.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BEGIN and COMMIT travel with the statements next to them instead of waiting for answers of their own. These
 * tests hold that to what a transaction promises: all of it or nothing, and a clean connection afterwards.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class TransactionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Transactions transactions;

    @BeforeAll
    static void probeTable() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS tx_probe (mark text NOT NULL)");
        }
    }

    @Test
    void aFailureAfterTheFirstStatementUndoesIt() {
        String mark = UUID.randomUUID().toString();
        Uni<Void> work = transactions.inTransaction(tx -> insert(tx, mark).call(() -> divideByZero(tx)));

        PgException failure = assertInstanceOf(
                PgException.class,
                assertThrows(RuntimeException.class, () -> work.await().atMost(WAIT)));
        assertEquals("22012", failure.getSqlState());
        assertEquals(0, rows(mark), "the first statement ran inside the transaction, not before its BEGIN");
    }

    @Test
    void aPipelinedCommitBehindAFailingStatementCommitsNothingAndReportsTheStatementsFailure() {
        String mark = UUID.randomUUID().toString();
        Uni<Object> work = transactions.inTransaction(
                (tx, commit) -> insert(tx, mark).flatMap(inserted -> commit.after(divideByZero(tx))));

        PgException failure = assertInstanceOf(
                PgException.class,
                assertThrows(RuntimeException.class, () -> work.await().atMost(WAIT)));
        assertEquals("22012", failure.getSqlState());
        assertEquals(0, rows(mark));
    }

    @Test
    void aPipelinedCommitCommitsTheWholeTransaction() {
        String first = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();

        String answer = transactions
                .inTransaction((tx, commit) -> insert(tx, first)
                        .flatMap(inserted -> commit.after(insert(tx, last).replaceWith("done"))))
                .await()
                .atMost(WAIT);

        assertEquals("done", answer);
        assertEquals(1, rows(first));
        assertEquals(1, rows(last));
    }

    @Test
    void failedTransactionsLeaveNoConnectionInsideATransaction() {
        for (int i = 0; i < 20; i++) {
            String mark = UUID.randomUUID().toString();
            Uni<Object> failing = i % 2 == 0
                    ? transactions.inTransaction(tx -> insert(tx, mark).flatMap(x -> divideByZero(tx)))
                    : transactions.inTransaction(
                            (tx, commit) -> insert(tx, mark).flatMap(x -> commit.after(divideByZero(tx))));
            assertThrows(RuntimeException.class, () -> failing.await().atMost(WAIT));
        }
        // Every pooled connection is back in the pool; a leftover open transaction would show here.
        await().atMost(WAIT)
                .until(() -> TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND state LIKE 'idle in transaction%'")
                        == 0);
        String mark = UUID.randomUUID().toString();
        transactions.inTransaction(tx -> insert(tx, mark)).await().atMost(WAIT);
        assertEquals(1, rows(mark));
    }

    private static Uni<Void> insert(SqlConnection tx, String mark) {
        return tx.preparedQuery("INSERT INTO tx_probe (mark) VALUES ($1)")
                .execute(Tuple.of(mark))
                .replaceWithVoid();
    }

    private static Uni<Object> divideByZero(SqlConnection tx) {
        return tx.query("SELECT 1 / 0").execute().replaceWith(new Object());
    }

    private static long rows(String mark) {
        return TestDatabase.queryLong("SELECT count(*) FROM tx_probe WHERE mark = ?", mark);
    }
}
