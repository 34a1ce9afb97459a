package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Finding 7 of the hostile-load issue: one user opened 300 of 300 sockets. Now a user holds at most
 * {@code switchboard.socket.max-connections-per-user} (default 20) per receiver; the next upgrade is a 429.
 */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class ConnectionCapTest {

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    SocketConfig config;

    @Inject
    ConnectionRegistry registry;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void aUserOverTheCapGets429AndOthersAreUnaffected() {
        assertEquals(20, config.maxConnectionsPerUser(), "the documented default");
        String token = TestTokens.valid("mallory");
        List<TestSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < config.maxConnectionsPerUser(); i++) {
                open.add(TestSocket.connect(ws(), token));
            }

            assertEquals(429, TestSocket.upgradeStatus(ws(), "Bearer " + token));
            assertEquals(101, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.valid("alice")));

            open.removeFirst().close();
            Awaitility.await()
                    .atMost(TestSocket.WAIT)
                    .until(() -> registry.byUser("mallory").length < config.maxConnectionsPerUser());
            open.add(TestSocket.connect(ws(), token));
            assertEquals(429, TestSocket.upgradeStatus(ws(), "Bearer " + token));
        } finally {
            open.forEach(TestSocket::close);
        }
    }
}
