package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class ChatSocketTest {

    private static final String CHAT = "0190f5c2-7a1e-7c3a-9b2d-4f6e8a1b2c3d";

    @TestHTTPResource("/ws")
    URI http;

    @Inject
    Vertx vertx;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    @Test
    void upgradeWithoutTokenIsRefusedWith401() {
        assertEquals(401, TestSocket.upgradeStatus(ws(), null));
    }

    @Test
    void upgradeWithBadTokensIsRefusedWith401() {
        assertEquals(
                401, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.foreignSignature("alice")), "foreign key");
        assertEquals(401, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.expired("alice")), "expired");
        assertEquals(401, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.wrongIssuer("alice")), "issuer");
        assertEquals(
                401,
                TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.forAudience("another-app", "alice")),
                "audience");
        assertEquals(401, TestSocket.upgradeStatus(ws(), "Bearer not.a.jwt"), "garbage");
        assertEquals(401, TestSocket.upgradeStatus(ws(), "Basic YWxpY2U6c2VjcmV0"), "not bearer");
    }

    @Test
    void subjectThatIsNotAUserIdIsRefusedWith401() {
        assertEquals(401, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.valid("alice smith")));
        assertEquals(401, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.valid("a".repeat(65))));
    }

    @Test
    void validHeaderTokenUpgrades() {
        assertEquals(101, TestSocket.upgradeStatus(ws(), "Bearer " + TestTokens.valid("alice")));
    }

    @Test
    void tokenInQueryParameterWorks() {
        try (TestSocket socket = TestSocket.connectWithQueryToken(ws(), TestTokens.valid("bob@example.com"))) {
            assertEquals("bob@example.com", socket.welcome().get("userId").asText());
        }
    }

    @Test
    void welcomeIsTheFirstFrameAndNamesConnectionUserAndReceiver() {
        try (TestSocket first = TestSocket.connect(ws(), TestTokens.valid("alice"));
                TestSocket second = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            JsonNode welcome = first.welcome();
            assertEquals("alice", welcome.get("userId").asText());
            assertEquals("receiver-test", welcome.get("receiverId").asText());
            assertEquals(30, welcome.get("heartbeatSeconds").asInt());
            assertTrue(Instant.parse(welcome.get("tokenExpiresAt").asText()).isAfter(Instant.now()));
            assertFalse(welcome.get("connectionId").asText().isBlank());
            assertTrue(!first.connectionId().equals(second.connectionId()), "connection ids are unique");
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            socket.send("{\"type\":\"ping\"}");
            assertEquals("pong", socket.nextIgnoringResync().get("type").asText());
        }
    }

    @Test
    void unusableFramesGetAnErrorFrameAndTheSocketStaysOpen() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            for (String garbage :
                    new String[] {"hello", "{\"type\":\"dance\"}", "{\"type\":\"subscribe\",\"events\":7}"}) {
                socket.send(garbage);
                JsonNode error = socket.nextIgnoringResync();
                assertEquals("error", error.get("type").asText(), garbage);
                assertEquals("bad_request", error.get("code").asText());
                assertFalse(error.get("detail").asText().isBlank());
            }
            socket.send("{\"type\":\"ping\"}");
            assertEquals("pong", socket.nextIgnoringResync().get("type").asText());
            assertTrue(socket.isOpen());
        }
    }

    @Test
    void subscribeIsConfirmedWithTheEventsAskedForAndHowManyChats() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            socket.send("{\"type\":\"subscribe\",\"events\":[\"messageAdded\",\"messageDeleted\"],\"chatIds\":[\""
                    + CHAT + "\"]}");
            JsonNode subscribed = socket.nextIgnoringResync();
            assertEquals("subscribed", subscribed.get("type").asText());
            assertEquals(
                    "[\"messageAdded\",\"messageDeleted\"]",
                    subscribed.get("events").toString());
            assertEquals(1, subscribed.get("chatCount").asInt());
            assertTrue(subscribed.path("chatIds").isMissingNode(), "the chat ids are not echoed back");

            socket.send("{\"type\":\"subscribe\"}");
            JsonNode all = socket.nextIgnoringResync();
            assertEquals("[]", all.get("events").toString());
            assertEquals(0, all.get("chatCount").asInt());
        }
    }

    @Test
    void framesOverTheRateAreRefusedAndAClientThatGoesOnIsClosedWithPolicyViolation() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("flooder"))) {
            for (int i = 0; i < 200 && socket.isOpen(); i++) {
                socket.send("{\"type\":\"ping\"}");
            }
            int pongs = 0;
            int refused = 0;
            for (JsonNode frame = socket.nextOrNull(); frame != null; frame = socket.nextOrNull()) {
                switch (frame.path("type").asText()) {
                    case "pong" -> pongs++;
                    case "error" -> {
                        assertEquals("rate_limited", frame.path("code").asText(), frame.toString());
                        refused++;
                    }
                    default -> {}
                }
            }
            assertEquals(1008, socket.awaitCloseCode());
            assertTrue(pongs >= 40 && pongs < 200, "pongs: " + pongs);
            assertEquals(10, refused, "one error frame per refused frame, up to the allowance of a minute");
        }
    }

    @Test
    void subscribeWithAnUnknownEventIsAnError() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            socket.send("{\"type\":\"subscribe\",\"events\":[\"messageAdded\",\"messageExploded\"]}");
            JsonNode error = socket.nextIgnoringResync();
            assertEquals("error", error.get("type").asText());
            assertEquals("unknown event: messageExploded", error.get("detail").asText());
        }
    }

    @Test
    void binaryFrameClosesWith1003() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            socket.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, socket.awaitCloseCode());
        }
    }

    @Test
    void singleFrameOverTheLimitClosesWith1009() throws Exception {
        // java.net.http splits big messages into 64 KiB frames; a browser may send one big frame.
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setPort(http.getPort())
                    .setHost(http.getHost())
                    .setURI("/ws")
                    .addHeader("Authorization", "Bearer " + TestTokens.valid("alice"));
            io.vertx.core.http.WebSocket socket = client.connect(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Short> closed = new CompletableFuture<>();
            socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
            socket.writeFinalTextFrame("{\"type\":\"ping\"}" + " ".repeat(70_000));
            assertEquals((short) 1009, closed.get(10, TimeUnit.SECONDS));
        } finally {
            client.close();
        }
    }

    @Test
    void frameOf64KiBIsReadAndOneByteMoreClosesWith1009() {
        String ping = "{\"type\":\"ping\"}";
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            socket.send(ping + " ".repeat(64 * 1024 - ping.length()));
            assertEquals("pong", socket.nextIgnoringResync().get("type").asText());

            socket.send(ping + " ".repeat(64 * 1024 - ping.length() + 1));
            assertEquals(1009, socket.awaitCloseCode());
        }
    }

    @Test
    void theLimitCountsBytesNotCharacters() {
        try (TestSocket socket = TestSocket.connect(ws(), TestTokens.valid("alice"))) {
            socket.send(
                    "{\"type\":\"ping\",\"pad\":\"" + "\u00e9".repeat(40_000) + "\"}"); // 40,000 chars, 80,000 bytes
            assertEquals(1009, socket.awaitCloseCode());
        }
    }
}
