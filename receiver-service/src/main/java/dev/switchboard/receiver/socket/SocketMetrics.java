package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/**
 * Connection metrics (see METRICS.md). Every meter is created here, once: recording is a field read and an
 * increment, never a registry lookup. Created at start-up so that the series exist before the first connection.
 */
@Startup
@ApplicationScoped
public class SocketMetrics {

    static final String OPEN = "switchboard.receiver.connections.open";
    static final String OPENED = "switchboard.receiver.connections.opened";
    static final String CLOSED = "switchboard.receiver.connections.closed";
    static final String SLOW_CONSUMER_CLOSES = "switchboard.receiver.slow.consumer.closes";
    static final String CLIENT_FRAMES_REFUSED = "switchboard.receiver.client.frames.refused";
    static final String TOKEN_RENEWALS = "switchboard.receiver.token.renewals";
    static final String UPGRADES_OVER_CAP = "switchboard.receiver.upgrades.over.cap";

    private final Counter opened;
    private final Map<CloseCause, Counter> closed = new EnumMap<>(CloseCause.class);
    private final Counter slowConsumerCloses;
    private final Counter clientFramesRefused;
    private final Counter upgradesOverCap;
    private final Counter renewalsAccepted;
    private final Counter renewalsRefused;
    private final Counter grantsRefused;

    @Inject
    public SocketMetrics(MeterRegistry registry, ConnectionRegistry connections) {
        // Strong reference: the gauge must not depend on who else holds the registry (Micrometer's default is weak).
        Gauge.builder(OPEN, connections, ConnectionRegistry::size)
                .strongReference(true)
                .description("Open WebSocket connections on this instance")
                .register(registry);
        opened = Counter.builder(OPENED)
                .description("WebSocket connections opened (welcome written)")
                .register(registry);
        for (CloseCause cause : CloseCause.values()) {
            closed.put(
                    cause,
                    Counter.builder(CLOSED)
                            .tag("reason", cause.label())
                            .description("WebSocket connections closed, by reason")
                            .register(registry));
        }
        slowConsumerCloses = Counter.builder(SLOW_CONSUMER_CLOSES)
                .description("Connections closed (1013) because the client did not read fast enough")
                .register(registry);
        clientFramesRefused = Counter.builder(CLIENT_FRAMES_REFUSED)
                .description("Client frames dropped because the client sent them over its rate limit")
                .register(registry);
        upgradesOverCap = Counter.builder(UPGRADES_OVER_CAP)
                .description("Connections refused (429 on the upgrade, or 4029 right after it) over the per-user cap")
                .register(registry);
        renewalsAccepted = renewals(registry, "accepted");
        renewalsRefused = renewals(registry, "refused");
        grantsRefused = Counter.builder("switchboard.receiver.grants.refused")
                .description("Watch frames refused: a grant not valid, expired, or not the connection's for the chat")
                .register(registry);
    }

    private static Counter renewals(MeterRegistry registry, String result) {
        return Counter.builder(TOKEN_RENEWALS)
                .tag("result", result)
                .description("In-band token renewals (auth frames), by result")
                .register(registry);
    }

    void upgradeOverCap() {
        upgradesOverCap.increment();
    }

    void renewalAccepted() {
        renewalsAccepted.increment();
    }

    void grantRefused() {
        grantsRefused.increment();
    }

    void renewalRefused() {
        renewalsRefused.increment();
    }

    void clientFrameRefused() {
        clientFramesRefused.increment();
    }

    void opened() {
        opened.increment();
    }

    void closed(CloseCause cause) {
        closed.get(cause).increment();
    }

    void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }
}
