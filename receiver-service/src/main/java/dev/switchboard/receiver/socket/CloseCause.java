package dev.switchboard.receiver.socket;

/**
 * Why a connection ended: the {@code reason} label of {@code switchboard_receiver_connections_closed_total}, and the
 * close code for the causes where the server closes.
 */
public enum CloseCause {
    /** The client sent a close frame. */
    CLIENT("client", 0),
    /** The server is shutting down (1001, going away). */
    SHUTDOWN("shutdown", 1001),
    /** The client did not read its frames fast enough (1013, try again later). */
    SLOW_CONSUMER("slow_consumer", 1013),
    /** Nothing, not even a pong, came from the client within the idle timeout (1001, going away). */
    IDLE("idle", 1001),
    /** The client sent a message over the size limit (1009). */
    TOO_BIG("too_big", 1009),
    /** The connection's token expired and was not renewed in band (4001, an application code). */
    TOKEN_EXPIRED("token_expired", 4001),
    /** The client kept sending frames over its rate limit (1008, policy violation). */
    RATE_LIMITED("rate_limited", 1008),
    /** The user already held switchboard.socket.max-connections-per-user connections here (4029, an application code). */
    TOO_MANY_CONNECTIONS("too_many_connections", 4029),
    /** The client sent a binary frame (1003). */
    UNSUPPORTED("unsupported", 1003),
    /** The connection broke without a close handshake (network loss, reset), or failed otherwise. */
    ERROR("error", 1011);

    private final String label;
    private final int code;

    CloseCause(String label, int code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    /** The close code the server sends for this cause. */
    public int code() {
        return code;
    }

    /** The cause of a server-initiated close with this code (the generic Recipient.close path: shutdown). */
    static CloseCause ofServerCode(int code) {
        return switch (code) {
            case 1001 -> SHUTDOWN;
            case 1013 -> SLOW_CONSUMER;
            case 1009 -> TOO_BIG;
            case 1003 -> UNSUPPORTED;
            case 1008 -> RATE_LIMITED;
            case 4001 -> TOKEN_EXPIRED;
            case 4029 -> TOO_MANY_CONNECTIONS;
            default -> ERROR;
        };
    }

    /** The cause of a close the server did not start, from the code the client sent (1006: none was sent). */
    static CloseCause ofClientCode(int code) {
        return code == 1006 || code <= 0 ? ERROR : CLIENT;
    }
}
