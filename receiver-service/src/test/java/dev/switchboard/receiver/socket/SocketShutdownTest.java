package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.testing.FakeRecipient;
import dev.switchboard.runtime.testing.ConfigMappings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class SocketShutdownTest {

    @Test
    void closesEverySocketWithGoingAwayAndStopsTakingUpgrades() {
        ConnectionRegistry registry = new ConnectionRegistry();
        FakeRecipient alice = new FakeRecipient("c1", "alice");
        FakeRecipient bob =
                new FakeRecipient("c2", "bob").onClose(code -> new CompletableFuture<>()); // never completes
        registry.add(new LocalConnection(alice));
        registry.add(new LocalConnection(bob));
        SocketShutdown shutdown = new SocketShutdown(registry, config(Duration.ofMillis(200)));
        assertFalse(shutdown.inProgress());

        shutdown.goingAway();

        assertTrue(shutdown.inProgress());
        assertEquals(List.of(1001, 1001), List.of(alice.closedWith(), bob.closedWith()));
    }

    @Test
    void readinessGoesDownBeforeTheFirstSocketIsClosed() {
        ConnectionRegistry registry = new ConnectionRegistry();
        SocketShutdown shutdown = new SocketShutdown(registry, config(Duration.ofMillis(200)));
        ShutdownReadinessCheck readiness = new ShutdownReadinessCheck(shutdown);
        List<HealthCheckResponse.Status> seenWhileClosing = new ArrayList<>();
        registry.add(new LocalConnection(new FakeRecipient("c1", "alice").onClose(code -> {
            seenWhileClosing.add(readiness.call().getStatus());
            return CompletableFuture.completedFuture(null);
        })));
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());

        shutdown.goingAway();

        assertEquals(List.of(HealthCheckResponse.Status.DOWN), seenWhileClosing);
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());
    }

    private static SocketConfig config(Duration closeTimeout) {
        return ConfigMappings.read(
                SocketConfig.class, Map.of("switchboard.socket.close-timeout", closeTimeout.toMillis() + "ms"));
    }
}
