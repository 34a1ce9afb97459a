package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.EncodedFrame;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.delivery.Recipient;
import dev.switchboard.runtime.testing.ConfigMappings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class SocketShutdownTest {

    private final List<Integer> closeCodes = new ArrayList<>();

    @Test
    void closesEverySocketWithGoingAwayAndStopsTakingUpgrades() {
        ConnectionRegistry registry = new ConnectionRegistry();
        registry.add(new LocalConnection(recipient("c1", "alice", CompletableFuture.completedFuture(null))));
        registry.add(new LocalConnection(recipient("c2", "bob", new CompletableFuture<>()))); // never completes
        SocketShutdown shutdown = new SocketShutdown(registry, config(Duration.ofMillis(200)));
        assertFalse(shutdown.inProgress());

        shutdown.goingAway();

        assertTrue(shutdown.inProgress());
        assertEquals(List.of(1001, 1001), closeCodes);
    }

    @Test
    void readinessGoesDownBeforeTheFirstSocketIsClosed() {
        ConnectionRegistry registry = new ConnectionRegistry();
        SocketShutdown shutdown = new SocketShutdown(registry, config(Duration.ofMillis(200)));
        ShutdownReadinessCheck readiness = new ShutdownReadinessCheck(shutdown);
        List<HealthCheckResponse.Status> seenWhileClosing = new ArrayList<>();
        registry.add(new LocalConnection(new Recipient() {
            @Override
            public String connectionId() {
                return "c1";
            }

            @Override
            public String userId() {
                return "alice";
            }

            @Override
            public void send(EncodedFrame frame) {}

            @Override
            public CompletionStage<Void> close(int code, String reason) {
                seenWhileClosing.add(readiness.call().getStatus());
                return CompletableFuture.completedFuture(null);
            }
        }));
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());

        shutdown.goingAway();

        assertEquals(List.of(HealthCheckResponse.Status.DOWN), seenWhileClosing);
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());
    }

    private Recipient recipient(String connectionId, String userId, CompletableFuture<Void> closed) {
        return new Recipient() {
            @Override
            public String connectionId() {
                return connectionId;
            }

            @Override
            public String userId() {
                return userId;
            }

            @Override
            public void send(EncodedFrame frame) {}

            @Override
            public CompletionStage<Void> close(int code, String reason) {
                closeCodes.add(code);
                return closed;
            }
        };
    }

    private static SocketConfig config(Duration closeTimeout) {
        return ConfigMappings.read(
                SocketConfig.class, Map.of("switchboard.socket.close-timeout", closeTimeout.toMillis() + "ms"));
    }
}
