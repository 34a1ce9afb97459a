package dev.switchboard.receiver.delivery;

import java.util.concurrent.CompletionStage;

/**
 * One open client connection as delivery sees it. Kept this small so that routing can be tested without a
 * WebSocket and so that the router depends on nothing of the socket framework.
 */
public interface Recipient {

    String connectionId();

    String userId();

    /**
     * Queues a text frame. Must not block and must not throw: the router writes the same frame to many
     * recipients in a row, and one broken connection must not stop the others.
     */
    void send(String frame);

    /** Closes the connection with a WebSocket close code; completes when the close is done or has failed. */
    CompletionStage<Void> close(int code, String reason);
}
