package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown of the socket side: stop taking upgrades, then close every socket with 1001 (going away) so
 * clients know to reconnect elsewhere rather than treat it as an error.
 */
@ApplicationScoped
public class SocketShutdown {

    static final int GOING_AWAY = 1001;

    private static final Logger LOG = Logger.getLogger(SocketShutdown.class);

    private final ConnectionRegistry registry;
    private final SocketConfig config;
    private volatile boolean inProgress;

    @Inject
    public SocketShutdown(ConnectionRegistry registry, SocketConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public boolean inProgress() {
        return inProgress;
    }

    /**
     * Runs in the first phase of shutdown (Quarkus fires this event when {@code quarkus.shutdown.delay-enabled} is
     * set), before the HTTP server stops: later, Vert.x would already have closed the sockets itself, with 1000.
     */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
        goingAway();
    }

    /** Fallback for anything still open at the final phase (normally nothing). */
    void onShutdown(@Observes ShutdownEvent event) {
        goingAway();
    }

    void goingAway() {
        inProgress = true;
        CompletableFuture<?>[] closes = registry.all().stream()
                .map(connection -> connection
                        .recipient()
                        .close(GOING_AWAY, "server shutting down")
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        if (closes.length == 0) {
            return;
        }
        LOG.infof("closing %d WebSocket connections (1001)", closes.length);
        try {
            CompletableFuture.allOf(closes).get(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("not every WebSocket closed cleanly within %s: %s", config.closeTimeout(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
