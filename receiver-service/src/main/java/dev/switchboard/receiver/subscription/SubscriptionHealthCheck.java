package dev.switchboard.receiver.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the Redis subscription is down: a receiver that cannot hear events must not be handed new
 * clients by the load balancer (it is DOWN from startup until the first subscription). With sharded or cluster Redis a
 * receiver whose subscription is partial (one node away, a cluster failing over) stays ready: every receiver is in the
 * same position, and the partitions that work still deliver; {@code state} says {@code PARTIAL}.
 */
@Readiness
@ApplicationScoped
public class SubscriptionHealthCheck implements HealthCheck {

    private final EventIngest subscriber;

    @Inject
    public SubscriptionHealthCheck(EventIngest subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-subscription")
                .status(subscriber.isServing())
                .withData("state", subscriber.state().name())
                .withData("partitionCount", subscriber.partitionCount())
                .withData("eventsReceived", subscriber.received())
                .withData("restorations", subscriber.restorations())
                .build();
    }
}
