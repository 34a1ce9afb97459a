package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.testing.DeflateSocket;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.MetricsScrape;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** By default ({@code switchboard.socket.compression=off}) a client offering permessage-deflate gets plain frames. */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class CompressionOffTest extends LiveReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClientOfferingDeflateGetsNoExtensionAndPlainFrames() throws Exception {
        try (DeflateSocket socket = DeflateSocket.connect(vertx, ws(), TestTokens.valid("alice"))) {
            assertEquals("welcome", JSON.readTree(socket.next()).get("type").asText());
            assertNull(socket.acceptedExtensions(), "nothing negotiated");

            ObjectNode event = Events.event(EventType.MESSAGE_ADDED, List.of("alice"), List.of());
            ((ObjectNode) event.get("data")).put("content", "long content ".repeat(50));
            publisher.publish(EventType.MESSAGE_ADDED, event.toString());

            assertEquals(Events.clientFrame(event), JSON.readTree(socket.next()));
            assertEquals(0.0, MetricsScrape.now().value("switchboard_receiver_frames_compressed_total"));
        }
    }
}
