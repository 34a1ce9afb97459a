package dev.switchboard.receiver.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.FastHeartbeatProfile;
import dev.switchboard.receiver.testing.MetricsScrape;
import dev.switchboard.receiver.testing.RawSocket;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Server pings at the announced heartbeat; pongs keep a silent client open; a client that answers nothing is closed. */
@QuarkusTest
@TestProfile(FastHeartbeatProfile.class)
@WithTestResource(EmbeddedRedisResource.class)
class HeartbeatTest {

    private static final Duration IDLE = Duration.ofSeconds(FastHeartbeatProfile.IDLE_TIMEOUT_SECONDS);

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    ConnectionRegistry registry;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void aSilentClientThatAnswersPingsStaysOpenPastTheIdleTimeout() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            assertEquals(
                    FastHeartbeatProfile.HEARTBEAT_SECONDS,
                    socket.welcome().get("heartbeatSeconds").asInt());
            long start = System.nanoTime();

            // The client sends no frame of its own; only the pongs java.net.http sends for each ping.
            int pingsPastIdle = (int) (IDLE.toSeconds() / FastHeartbeatProfile.HEARTBEAT_SECONDS) + 2;
            await().atMost(IDLE.multipliedBy(4)).until(() -> socket.pings() >= pingsPastIdle || !socket.isOpen());

            assertTrue(socket.isOpen(), "closed after " + socket.pings() + " pings");
            assertTrue(System.nanoTime() - start > IDLE.toNanos(), "waited past the idle timeout");
            assertTrue(registry.byId(socket.connectionId()).isPresent());
            socket.send("{\"type\":\"ping\"}");
            assertEquals("pong", socket.nextIgnoringResync().get("type").asText());
        }
    }

    @Test
    void aClientThatAnswersNothingIsClosedAsIdle() {
        double idleBefore =
                MetricsScrape.now().value("switchboard_receiver_connections_closed_total", "reason=\"idle\"");
        long start = System.nanoTime();
        try (RawSocket silent = RawSocket.open(ws(), TestTokens.valid("bob"), 64 * 1024)) {
            await().atMost(TestSocket.WAIT)
                    .until(() -> registry.byId(silent.connectionId()).isPresent());

            await().atMost(IDLE.multipliedBy(5))
                    .until(() -> registry.byId(silent.connectionId()).isEmpty());

            assertTrue(System.nanoTime() - start >= IDLE.toNanos(), "not closed before the idle timeout");
        }
        await().atMost(TestSocket.WAIT)
                .until(() ->
                        MetricsScrape.now().value("switchboard_receiver_connections_closed_total", "reason=\"idle\"")
                                == idleBefore + 1);
    }
}
