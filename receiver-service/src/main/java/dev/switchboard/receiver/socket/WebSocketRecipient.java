package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.Recipient;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A websockets-next connection as a delivery {@link Recipient}. Writes are fire-and-forget (the routing thread
 * never waits on a client); the count of writes not yet completed is the slow-consumer signal.
 */
final class WebSocketRecipient implements Recipient {

    static final int TRY_AGAIN_LATER = 1013;

    private static final Logger LOG = Logger.getLogger(WebSocketRecipient.class);

    private final WebSocketConnection connection;
    private final String userId;
    private final int maxPendingFrames;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    WebSocketRecipient(WebSocketConnection connection, String userId, int maxPendingFrames) {
        this.connection = connection;
        this.userId = userId;
        this.maxPendingFrames = maxPendingFrames;
    }

    @Override
    public String connectionId() {
        return connection.id();
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public void send(String frame) {
        if (closing.get()) {
            return;
        }
        if (pending.incrementAndGet() > maxPendingFrames) {
            pending.decrementAndGet();
            LOG.warnf("connection %s of %s is not keeping up (%d frames pending): closing it",
                    connection.id(), userId, maxPendingFrames);
            close(TRY_AGAIN_LATER, "slow consumer");
            return;
        }
        try {
            connection.sendText(frame).subscribe().with(
                    ignored -> pending.decrementAndGet(),
                    failure -> {
                        pending.decrementAndGet();
                        LOG.debugf("write to %s failed: %s", connection.id(), failure.getMessage());
                    });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            LOG.debugf("write to %s failed: %s", connection.id(), e.getMessage());
        }
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        if (!closing.compareAndSet(false, true) || connection.isClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.close(new CloseReason(code, reason)).subscribeAsCompletionStage();
    }
}
