package dev.switchboard.loadgen;

/** The run could not be set up (tokens, connections or chats): nothing was measured. */
public final class SetupException extends RuntimeException {
    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public SetupException(String message) {
        super(message);
    }
}
