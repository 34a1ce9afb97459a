package dev.switchboard.sender.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * The startup probe: UP once start-up got through Flyway's migration (it runs before the application starts, and
 * a failed migration stops the process) and the relay loop was started (or deliberately not, on an instance with
 * {@code switchboard.outbox.relay-enabled=false}).
 */
@Startup
@ApplicationScoped
public class RelayStartedHealthCheck implements HealthCheck {

    public static final String NAME = "sender-started";

    private final OutboxRelay relay;

    public RelayStartedHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(relay.isStarted())
                .withData("relayEnabled", relay.isEnabled())
                .build();
    }
}
