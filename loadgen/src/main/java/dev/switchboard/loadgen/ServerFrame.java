package dev.switchboard.loadgen;

/** The receiver-to-client frames of the contract that the generator acts on or counts. */
public sealed interface ServerFrame {

    record Welcome(String connectionId, String userId, String receiverId, int heartbeatSeconds)
            implements ServerFrame {}

    record MessageAdded(String chatId, String messageId, long seq, String content) implements ServerFrame {}

    /** Any other event ({@code chatAdded}, {@code unreadCountUpdated}, ...): only counted. */
    record OtherEvent() implements ServerFrame {}

    record Resync(String reason) implements ServerFrame {}

    record Error(String code, String detail) implements ServerFrame {}

    /** {@code pong}, {@code subscribed}, or a type this version does not know. */
    record Other(String type) implements ServerFrame {}
}
