package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.TestGrants;
import dev.switchboard.receiver.testing.TestSocket;
import dev.switchboard.receiver.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watch frames on grants, typing frames to the chat's other watchers through Redis, and every refusal. */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class TypingTest {

    @TestHTTPResource("/ws")
    URI http;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    private TestSocket watcher(String userId, String chatId) {
        TestSocket socket = TestSocket.connect(ws(), TestTokens.valid(userId));
        socket.send("{\"type\":\"watch\",\"chatId\":\"" + chatId + "\",\"grant\":\"" + TestGrants.valid(userId, chatId)
                + "\"}");
        JsonNode watching = socket.nextIgnoringResync();
        assertEquals("watching", watching.path("type").asText(), watching.toString());
        assertEquals(chatId, watching.path("chatId").asText());
        assertTrue(Instant.parse(watching.path("expiresAt").asText()).isAfter(Instant.now()));
        return socket;
    }

    private static String typing(String chatId, boolean typing) {
        return "{\"type\":\"typing\",\"chatId\":\"" + chatId + "\",\"typing\":" + typing + "}";
    }

    @Test
    void aWatchersTypingReachesTheChatsOtherWatchersOnceAndStopsWhenTheyStop() {
        String chat = TestGrants.randomChat();
        try (TestSocket alice = watcher("alice.ty1", chat);
                TestSocket bob = watcher("bob.ty1", chat);
                TestSocket carol = TestSocket.connect(ws(), TestTokens.valid("carol.ty1"))) {
            for (int i = 0; i < 5; i++) {
                alice.send(typing(chat, true));
            }
            alice.send(typing(chat, false));

            JsonNode started = bob.nextIgnoringResync();
            assertEquals("typing", started.path("event").asText(), started.toString());
            assertEquals(chat, started.path("chatId").asText());
            assertEquals("alice.ty1", started.path("data").path("userId").asText());
            assertTrue(started.path("data").path("typing").asBoolean());
            Instant until = Instant.parse(started.path("data").path("until").asText());
            assertTrue(until.isAfter(Instant.parse(started.path("occurredAt").asText())));
            JsonNode stopped = bob.nextIgnoringResync();
            assertEquals("typing", stopped.path("event").asText(), stopped.toString());
            assertTrue(!stopped.path("data").path("typing").asBoolean());
            assertNull(bob.nextOrNull(), "five typing frames within the interval are one event");
            assertNull(alice.nextOrNull(), "the typist's own connection shows nothing");
            assertNull(carol.nextOrNull(), "not watching: nothing");
        }
    }

    @Test
    void aConnectionThatClosesWhileTypingStopsShowingAsTyping() {
        String chat = TestGrants.randomChat();
        try (TestSocket bob = watcher("bob.ty2", chat)) {
            TestSocket alice = watcher("alice.ty2", chat);
            alice.send(typing(chat, true));
            assertTrue(bob.nextIgnoringResync().path("data").path("typing").asBoolean());

            alice.close();

            JsonNode stopped = bob.nextIgnoringResync();
            assertEquals("alice.ty2", stopped.path("data").path("userId").asText());
            assertTrue(!stopped.path("data").path("typing").asBoolean(), stopped.toString());
        }
    }

    @Test
    void typingWithoutAValidGrantOfOnesOwnForTheChatIsForbidden() {
        String chat = TestGrants.randomChat();
        String other = TestGrants.randomChat();
        try (TestSocket bob = watcher("bob.ty3", chat);
                TestSocket mallory = TestSocket.connect(ws(), TestTokens.valid("mallory.ty3"))) {
            mallory.send(typing(chat, true));
            assertEquals("forbidden", mallory.nextIgnoringResync().path("code").asText());

            List<String> grants = new ArrayList<>(List.of(
                    TestGrants.valid("bob.ty3", chat), // someone else's
                    TestGrants.valid("mallory.ty3", other), // another chat's
                    TestGrants.expired("mallory.ty3", chat),
                    TestGrants.foreign("mallory.ty3", chat), // not signed with the secret
                    "not.a.grant"));
            for (String grant : grants) {
                mallory.send("{\"type\":\"watch\",\"chatId\":\"" + chat + "\",\"grant\":\"" + grant + "\"}");
                JsonNode refused = mallory.nextIgnoringResync();
                assertEquals("forbidden", refused.path("code").asText(), refused.toString());
            }
            mallory.send(typing(chat, true));
            assertEquals("forbidden", mallory.nextIgnoringResync().path("code").asText());
            assertNull(bob.nextOrNull(), "nothing reached the chat");
        }
    }

    @Test
    void unwatchingEndsTheChatsTypingAndTheWatchesPerConnectionAreBounded() {
        String chat = TestGrants.randomChat();
        try (TestSocket alice = watcher("alice.ty4", chat);
                TestSocket bob = watcher("bob.ty4", chat)) {
            bob.send("{\"type\":\"unwatch\",\"chatId\":\"" + chat + "\"}");
            assertEquals("unwatched", bob.nextIgnoringResync().path("type").asText());
            alice.send(typing(chat, true));
            assertNull(bob.nextOrNull());

            for (int i = 0; i < 19; i++) { // alice already watches one: 20 in all
                String another = TestGrants.randomChat();
                alice.send("{\"type\":\"watch\",\"chatId\":\"" + another + "\",\"grant\":\""
                        + TestGrants.valid("alice.ty4", another) + "\"}");
                assertEquals("watching", alice.nextIgnoringResync().path("type").asText());
            }
            String oneTooMany = TestGrants.randomChat();
            alice.send("{\"type\":\"watch\",\"chatId\":\"" + oneTooMany + "\",\"grant\":\""
                    + TestGrants.valid("alice.ty4", oneTooMany) + "\"}");
            JsonNode refused = alice.nextIgnoringResync();
            assertEquals("bad_request", refused.path("code").asText(), refused.toString());
        }
    }

    @Test
    void malformedTypingAndWatchFramesAreBadRequests() {
        try (TestSocket alice = TestSocket.connect(ws(), TestTokens.valid("alice.ty5"))) {
            for (String frame : List.of(
                    "{\"type\":\"typing\",\"chatId\":\"" + TestGrants.randomChat() + "\"}",
                    "{\"type\":\"typing\",\"chatId\":\"1-2-3-4-5\",\"typing\":true}",
                    "{\"type\":\"watch\",\"chatId\":\"" + TestGrants.randomChat() + "\"}",
                    "{\"type\":\"unwatch\"}")) {
                alice.send(frame);
                JsonNode answer = alice.nextIgnoringResync();
                assertEquals("bad_request", answer.path("code").asText(), frame + " -> " + answer);
            }
        }
    }
}
