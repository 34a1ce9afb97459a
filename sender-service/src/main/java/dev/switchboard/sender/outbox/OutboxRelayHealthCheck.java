package dev.switchboard.sender.outbox;

import dev.switchboard.sender.SenderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports which instance is the active relay ({@code leader}). Always UP: a standby is just as ready to serve
 * requests, and PostgreSQL and Redis have their own readiness checks.
 */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    public static final String NAME = "outbox-relay";

    private final OutboxRelay relay;
    private final SenderConfig config;

    public OutboxRelayHealthCheck(OutboxRelay relay, SenderConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("leader", relay.isLeader())
                .withData("instanceId", config.instanceId())
                .build();
    }
}
