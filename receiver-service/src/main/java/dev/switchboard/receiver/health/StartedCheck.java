package dev.switchboard.receiver.health;

import dev.switchboard.receiver.subscription.EventIngest;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * UP once start-up is done: the HTTP server that serves {@code /ws} listens (the endpoint is deployed with it) and
 * the Redis subscriber has been started. Whether the subscription is up is readiness' business, not start-up's:
 * a receiver that starts while Redis is away is started, just not ready.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    static final String NAME = "receiver-started";

    private final EventIngest subscriber;
    private volatile boolean listening;

    @Inject
    public StartedCheck(EventIngest subscriber) {
        this.subscriber = subscriber;
    }

    /** Fired asynchronously by Quarkus once the HTTP server is bound. */
    void onHttpServerStart(@ObservesAsync HttpServerStart event) {
        listening = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(listening && subscriber.isStarted())
                .withData("webSocketEndpoint", listening ? "/ws" : "not listening yet")
                .withData("subscriber", subscriber.isStarted() ? "started" : "not started")
                .build();
    }
}
