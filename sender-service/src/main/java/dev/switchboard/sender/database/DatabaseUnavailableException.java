package dev.switchboard.sender.database;

/**
 * PostgreSQL cannot be reached, refused or dropped the connection, or did not answer in time: the request was
 * not carried out as far as this instance can tell, and may be retried (503). A request that timed out may
 * still have committed; retrying a send with the same clientMessageId is safe.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
