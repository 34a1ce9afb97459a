package dev.switchboard.sender.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void theShapesOfALostOrAbsentServerAreUnavailable() {
        assertTrue(DatabaseFailures.isUnavailable(new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertTrue(DatabaseFailures.isUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailures.isUnavailable(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
        assertTrue(DatabaseFailures.isUnavailable(new VertxException("Timeout waiting for connection", true)));
        assertTrue(DatabaseFailures.isUnavailable(
                new VertxException("Pending requests failed to be sent due to connection has been closed.", true)));
        assertTrue(DatabaseFailures.isUnavailable(pg("57P01", "terminating connection due to administrator command")));
        assertTrue(DatabaseFailures.isUnavailable(pg("57P03", "the database system is starting up")));
        assertTrue(DatabaseFailures.isUnavailable(pg("08006", "connection failure")));
        assertTrue(DatabaseFailures.isUnavailable(pg("53300", "sorry, too many clients already")));
        assertTrue(DatabaseFailures.isUnavailable(pg("57014", "canceling statement due to statement timeout")));
        assertTrue(DatabaseFailures.isUnavailable(new IOException("Broken pipe")));
        assertTrue(DatabaseFailures.isUnavailable(new IOException("Connection reset by peer")));
    }

    @Test
    void wrappedOnesToo() {
        assertTrue(DatabaseFailures.isUnavailable(new CompletionException(new ConnectException("refused"))));
        assertTrue(DatabaseFailures.isUnavailable(new CompositeException(
                new IllegalStateException("rollback failed"), ClosedConnectionException.INSTANCE)));
        assertTrue(DatabaseFailures.isUnavailable(new DatabaseUnavailableException("no answer")));
    }

    @Test
    void bugsAndDomainErrorsAreNot() {
        assertFalse(DatabaseFailures.isUnavailable(pg("23505", "duplicate key value violates unique constraint")));
        assertFalse(DatabaseFailures.isUnavailable(pg("42P01", "relation does not exist")));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("bug")));
        assertFalse(DatabaseFailures.isUnavailable(new NoStackTraceThrowable("Transaction already completed")));
        assertFalse(DatabaseFailures.isUnavailable(new IOException("Unexpected character ('}' (code 125))")));
        assertFalse(DatabaseFailures.isUnavailable(null));
    }

    private static PgException pg(String state, String message) {
        return new PgException(message, "FATAL", state, null);
    }
}
