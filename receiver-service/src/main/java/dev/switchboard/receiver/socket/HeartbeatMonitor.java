package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.LocalConnection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Closes connections the client has silently left. websockets-next pings every connection each
 * {@code heartbeat-seconds} (its {@code auto-ping-interval}); a client that is there answers with a pong, which
 * {@link ChatSocket} notes like any frame. A sweep, a quarter of the idle timeout apart, closes (1001) every
 * connection from which nothing arrived within the idle timeout. websockets-next has no server idle timeout of its own,
 * and the HTTP server's ({@code quarkus.http.idle-timeout}) counts the server's own writes, pings included, as
 * activity, so it never fires on a pinged connection.
 * <p>
 * Refuses to start when the ping interval is not the heartbeat announced to clients, or when the idle timeout is
 * not at least two heartbeats (a healthy client would then be closed between two pings).
 */
@Startup
@ApplicationScoped
public class HeartbeatMonitor {

    static final String AUTO_PING = "quarkus.websockets-next.server.auto-ping-interval";

    private static final Logger LOG = Logger.getLogger(HeartbeatMonitor.class);

    private final Vertx vertx;
    private final ConnectionRegistry registry;
    private final long idleTimeoutNanos;
    private final long sweepMillis;
    private long timer = -1;

    @Inject
    public HeartbeatMonitor(Vertx vertx, ConnectionRegistry registry, SocketConfig config, PingConfig ping) {
        Duration heartbeat = Duration.ofSeconds(config.heartbeatSeconds());
        Optional<Duration> autoPingInterval = ping.autoPingInterval();
        if (!autoPingInterval.equals(Optional.of(heartbeat))) {
            throw new IllegalStateException(
                    AUTO_PING + " (" + autoPingInterval.map(Duration::toString).orElse("unset")
                            + ") must equal switchboard.socket.heartbeat-seconds (" + heartbeat
                            + "): set only the latter, application.properties derives the former from it");
        }
        this.vertx = vertx;
        this.registry = registry;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.sweepMillis = Math.max(100, config.idleTimeout().toMillis() / 4);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(sweepMillis, id -> closeIdle(System.nanoTime()));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** @return how many connections were found idle and closed */
    int closeIdle(long nowNanos) {
        int closed = 0;
        for (LocalConnection connection : registry.all()) {
            if (connection.recipient() instanceof WebSocketRecipient recipient
                    && recipient.isOpen()
                    && recipient.silentNanos(nowNanos) > idleTimeoutNanos) {
                recipient.close(CloseCause.IDLE, "idle timeout");
                closed++;
            }
        }
        if (closed > 0) {
            LOG.infof("closed %d idle connections (nothing heard for %d ms)", closed, idleTimeoutNanos / 1_000_000);
        }
        return closed;
    }
}
