package dev.switchboard.sender.outbox;

import dev.switchboard.sender.SenderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports which partitions this instance's relay holds ({@code partitions}, and how many: {@code partitionsHeld}) of the
 * deployment's {@code partitionCount}, which receivers report too: the one place an operator sees both agree.
 * Always UP: an instance that holds none is just as ready to serve requests, and PostgreSQL and Redis have their own
 * readiness checks.
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
                .withData("partitionCount", relay.partitionCount())
                .withData("partitionsHeld", relay.heldPartitions().size())
                .withData(
                        "partitions",
                        String.join(
                                ",",
                                relay.heldPartitions().stream()
                                        .map(String::valueOf)
                                        .toList()))
                .withData("instanceId", config.instanceId())
                .build();
    }
}
