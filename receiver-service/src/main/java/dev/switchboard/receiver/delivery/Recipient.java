package dev.switchboard.receiver.delivery;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One open client connection as delivery sees it. Kept this small so that routing can be tested without a
 * WebSocket and so that the router depends on nothing of the socket framework.
 */
public interface Recipient {

    String connectionId();

    String userId();

    /**
     * The event loop that owns this connection's writes; {@link #send} is called on it. Null when send may be
     * called on any thread (it then runs on the routing thread).
     */
    default Executor eventLoop() {
        return null;
    }

    /**
     * Queues a text frame. Must not block and must not throw: the same frame goes to many recipients in a row,
     * and one broken connection must not stop the others.
     */
    void send(EncodedFrame frame);

    /** Closes the connection with a WebSocket close code; completes when the close is done or has failed. */
    CompletionStage<Void> close(int code, String reason);
}
