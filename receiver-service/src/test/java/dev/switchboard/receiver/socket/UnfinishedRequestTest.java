package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.FastHeartbeatProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Finding 8 of the hostile-load issue: connections that never finish their request (slowloris) were held for
 * Quarkus' default idle timeout of 30 minutes. Now quarkus.http.idle-timeout (3 s in this profile, 120 s by default)
 * closes them, before the upgrade as after it.
 */
@QuarkusTest
@TestProfile(FastHeartbeatProfile.class)
@WithTestResource(EmbeddedRedisResource.class)
class UnfinishedRequestTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aConnectionThatStopsMidRequestIsClosedAfterTheIdleTimeout() throws Exception {
        assertClosedWithinTheIdleTimeout("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: webso");
    }

    @Test
    void aConnectionThatNeverSendsAnythingIsClosedAfterTheIdleTimeout() throws Exception {
        assertClosedWithinTheIdleTimeout("");
    }

    private void assertClosedWithinTheIdleTimeout(String partialRequest) throws Exception {
        long allowedMillis = (FastHeartbeatProfile.IDLE_TIMEOUT_SECONDS + 5) * 1000L;
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            // The read below fails with a timeout, instead of returning, if the server keeps the connection.
            socket.setSoTimeout((int) allowedMillis);
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read(); // a 408/400 answer, if any, then the end of the stream
            } while (read != -1);
            long heldMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, read);
            assertTrue(heldMillis < allowedMillis, "held " + heldMillis + " ms");
        }
    }
}
