package dev.switchboard.sender.database;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * Tells "PostgreSQL is not there (or not answering)" apart from every other failure: the first is a 503 the client
 * may retry, the rest are bugs or domain errors. The reactive client reports a lost server in several shapes:
 * socket exceptions on connect, {@link ClosedConnectionException} or "Connection is not active now" for a
 * connection closed under a request, "Broken pipe" for a statement written to a connection the server just closed, "Timeout waiting for connection" from the pool, and server errors of the
 * connection and shutdown classes.
 */
public final class DatabaseFailures {

    /** Messages of the client's own exceptions (VertxException, NoStackTraceThrowable) for a lost or busy server. */
    private static final List<String> CLIENT_MESSAGES = List.of(
            "Connection is not active",
            "Pending requests failed to be sent",
            "Timeout waiting for connection",
            "Connection is closed",
            "Connection closed",
            "Timeout");

    /**
     * Messages of the plain IOExceptions a write to a socket whose peer is gone raises (not SocketExceptions, and
     * IOException as such also covers malformed JSON, hence by message).
     */
    private static final List<String> SOCKET_WRITE_MESSAGES = List.of("Broken pipe", "Connection reset");

    private static final int MAX_DEPTH = 8;

    private DatabaseFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        return isUnavailable(failure, 0);
    }

    private static boolean isUnavailable(Throwable failure, int depth) {
        if (failure == null || depth > MAX_DEPTH) {
            return false;
        }
        if (failure instanceof CompositeException composite) {
            return composite.getCauses().stream().anyMatch(cause -> isUnavailable(cause, depth + 1));
        }
        if (failure instanceof DatabaseUnavailableException
                || failure instanceof ClosedConnectionException
                || failure instanceof ConnectException // refused; Netty's connect timeout is one too
                || failure instanceof NoRouteToHostException
                || failure instanceof UnknownHostException
                || failure instanceof SocketException // reset by peer
                || failure instanceof ClosedChannelException) {
            return true;
        }
        if (failure instanceof IOException
                && failure.getMessage() != null
                && SOCKET_WRITE_MESSAGES.stream().anyMatch(failure.getMessage()::startsWith)) {
            return true;
        }
        if (failure instanceof PgException pg) {
            return isUnavailableState(pg.getSqlState());
        }
        if ((failure instanceof VertxException || failure instanceof NoStackTraceThrowable)
                && failure.getMessage() != null
                && CLIENT_MESSAGES.stream().anyMatch(failure.getMessage()::startsWith)) {
            return true;
        }
        return failure.getCause() != failure && isUnavailable(failure.getCause(), depth + 1);
    }

    /**
     * 08: connection exceptions; 57P01/02/03: admin shutdown, crash shutdown, cannot connect now (starting or
     * stopping); 57014: statement cancelled (statement_timeout); 53: insufficient resources (too many connections,
     * out of memory, disk full).
     */
    static boolean isUnavailableState(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.startsWith("57P")
                        || sqlState.equals("57014")
                        || sqlState.startsWith("53"));
    }

    /** A short reason for logs and problem details: never a statement's parameters (the client does not put them in messages). */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (int i = 0; i < MAX_DEPTH && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
