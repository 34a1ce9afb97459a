package dev.switchboard.receiver.socket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN from the first moment of shutdown, before the sockets are closed: load balancers stop sending upgrades here
 * (they would be refused with 503 anyway) while this instance says goodbye to its clients.
 */
@Readiness
@ApplicationScoped
public class ShutdownReadinessCheck implements HealthCheck {

    static final String NAME = "shutdown";

    private final SocketShutdown shutdown;

    @Inject
    public ShutdownReadinessCheck(SocketShutdown shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(!shutdown.inProgress()).build();
    }
}
