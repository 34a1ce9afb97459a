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
import org.jboss.logging.Logger;

/**
 * Ends connections whose token has expired: a token is checked once, at the upgrade, so without this a revoked
 * user (whose tokens are simply no longer issued) would keep receiving events for as long as the socket stays up.
 * A sweep each second closes (4001, token_expired) every connection whose token expired more than the JWT clock
 * skew ago ({@code mp.jwt.verify.clock.skew}, the same leeway the upgrade gives). Clients keep a connection by
 * sending a fresh token in band ({@code {"type":"auth","token":...}}) before then; {@code welcome} tells them when.
 */
@Startup
@ApplicationScoped
public class TokenExpiry {

    private static final Logger LOG = Logger.getLogger(TokenExpiry.class);
    private static final long SWEEP_MILLIS = 1000;

    private final Vertx vertx;
    private final ConnectionRegistry registry;
    private final long skewMillis;
    private long timer = -1;

    @Inject
    public TokenExpiry(Vertx vertx, ConnectionRegistry registry, AccessTokenVerifier verifier) {
        this.vertx = vertx;
        this.registry = registry;
        this.skewMillis = verifier.clockSkewSeconds() * 1000;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(SWEEP_MILLIS, id -> closeExpired(System.currentTimeMillis()));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** @return how many connections were closed */
    int closeExpired(long nowMillis) {
        int closed = 0;
        for (LocalConnection connection : registry.all()) {
            if (connection.recipient() instanceof WebSocketRecipient recipient
                    && recipient.isOpen()
                    && recipient.tokenExpiresAtMillis() + skewMillis < nowMillis) {
                recipient.close(CloseCause.TOKEN_EXPIRED, "token expired");
                closed++;
            }
        }
        if (closed > 0) {
            LOG.infof("closed %d connections whose token expired", closed);
        }
        return closed;
    }
}
