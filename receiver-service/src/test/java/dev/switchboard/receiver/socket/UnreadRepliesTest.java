package dev.switchboard.receiver.socket;

import static org.awaitility.Awaitility.await;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.RawSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client that never reads but keeps asking: 800 subscribe frames of 64 KB. Whatever the server answers must stay
 * bounded by the same per-connection queue as events, so the connection is closed, not fed without end.
 */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class UnreadRepliesTest extends LiveReceiverTest {

    @Inject
    ConnectionRegistry registry;

    @Test
    void aClientThatAsksWithoutReadingIsClosedInsteadOfBuffered() throws IOException {
        StringJoiner ids = new StringJoiner("\",\"", "[\"", "\"]");
        while (ids.length() < 63 * 1024) {
            ids.add(UUID.randomUUID().toString());
        }
        String subscribe = "{\"type\":\"subscribe\",\"chatIds\":" + ids + "}";
        long heapBefore = usedHeapAfterGc();
        try (RawSocket stalled = RawSocket.open(ws(), TestTokens.valid("stalled"), 4096)) {
            String id = stalled.connectionId();
            int sent = 0;
            try {
                for (; sent < 800; sent++) {
                    stalled.sendText(subscribe);
                }
            } catch (IOException cut) {
                // the server cut the connection while we were still sending: what the test wants
            }
            long heapWhileOpen = usedHeapAfterGc();
            System.out.printf(
                    "sent %d subscribe frames of %,d bytes; receiver heap %,d -> %,d bytes%n",
                    sent, subscribe.length(), heapBefore, heapWhileOpen);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.byId(id).isEmpty());
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
