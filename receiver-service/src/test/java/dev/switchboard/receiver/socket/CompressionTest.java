package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.testing.CompressionOnProfile;
import dev.switchboard.receiver.testing.DeflateSocket;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.MetricsScrape;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With {@code switchboard.socket.compression=on}, clients that offer permessage-deflate get it without context
 * takeover, and one event's frame is compressed once however many connections receive it.
 */
@QuarkusTest
@TestProfile(CompressionOnProfile.class)
@WithTestResource(EmbeddedRedisResource.class)
class CompressionTest extends LiveReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneEventIsCompressedOnceForEveryConnectionThatReceivesIt() throws Exception {
        List<DeflateSocket> sockets = new ArrayList<>();
        try {
            // Two as browsers offer it (the client keeps its context), two asking for no context takeover.
            List<String> users = List.of("alice", "bob", "carol", "alice");
            for (int i = 0; i < users.size(); i++) {
                boolean noContext = i % 2 == 1;
                DeflateSocket socket = DeflateSocket.connect(vertx, ws(), TestTokens.valid(users.get(i)), noContext);
                sockets.add(socket);
                assertEquals("welcome", JSON.readTree(socket.next()).get("type").asText());
                String accepted = socket.acceptedExtensions();
                assertTrue(accepted != null && accepted.contains("permessage-deflate"), "negotiated: " + accepted);
                if (noContext) {
                    assertTrue(
                            accepted.contains("server_no_context_takeover")
                                    && accepted.contains("client_no_context_takeover"),
                            "without context takeover when asked: " + accepted);
                }
            }
            double before = MetricsScrape.now().value("switchboard_receiver_frames_compressed_total");

            ObjectNode event = Events.event(EventType.MESSAGE_ADDED, List.of("alice", "bob", "carol"), List.of());
            ((ObjectNode) event.get("data")).put("content", "a message long enough to be compressed ".repeat(20));
            publisher.publish(EventType.MESSAGE_ADDED, event.toString());

            JsonNode expected = Events.clientFrame(event);
            for (DeflateSocket socket : sockets) {
                assertEquals(expected, JSON.readTree(socket.next()), "inflated as sent, on every connection");
            }
            assertEquals(
                    1.0,
                    MetricsScrape.now().value("switchboard_receiver_frames_compressed_total") - before,
                    "compressed once for four connections");

            // Frames below the threshold (pong) go uncompressed, which the extension allows; the client still reads
            // them.
            sockets.getFirst().send("{\"type\":\"ping\"}");
            assertEquals(
                    "pong", JSON.readTree(sockets.getFirst().next()).get("type").asText());
            // And the client's own (compressed) frames are read.
            sockets.get(1).send("{\"type\":\"subscribe\",\"events\":[\"messageAdded\"]}");
            assertEquals(
                    "subscribed",
                    JSON.readTree(sockets.get(1).next()).get("type").asText());
        } finally {
            sockets.forEach(DeflateSocket::close);
        }
    }
}
