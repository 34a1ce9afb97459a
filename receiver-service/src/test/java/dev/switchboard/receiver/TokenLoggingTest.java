package dev.switchboard.receiver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.FastHeartbeatProfile;
import dev.switchboard.receiver.testing.LogCapture;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With the HTTP access log and this service's debug logs on, no log record carries a token. */
@QuarkusTest
@TestProfile(FastHeartbeatProfile.class)
@WithTestResource(EmbeddedRedisResource.class)
class TokenLoggingTest {

    @TestHTTPResource("/ws")
    URI http;

    @Test
    void accessTokensNeverReachTheLogs() {
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String good = TestTokens.valid("alice");
        String expired = TestTokens.expired("alice");
        String foreign = TestTokens.foreignSignature("alice");
        try (LogCapture logs = LogCapture.start()) {
            try (TestSocket socket = TestSocket.connectWithQueryToken(ws, good)) {
                socket.send("{\"type\":\"ping\"}");
                assertEquals("pong", socket.nextIgnoringResync().get("type").asText());
            }
            assertEquals(401, TestSocket.upgradeStatus(URI.create(ws + "?access_token=" + expired), null));
            assertEquals(401, TestSocket.upgradeStatus(ws, "Bearer " + foreign));

            // The access log is on: the refused upgrade is in it, by path only.
            await().atMost(TestSocket.WAIT)
                    .until(() -> logs.records().stream().anyMatch(line -> line.contains("GET /ws HTTP/1.1\" 401")));
            List<String> records = logs.records();
            for (String token : List.of(good, expired, foreign)) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                for (String record : records) {
                    assertFalse(record.contains(signature), "token in a log record: " + record);
                    assertFalse(record.contains("access_token"), "query string in a log record: " + record);
                }
            }
        }
    }
}
