package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Presence frames on grants: the state now, then the followed users' changes as connections open and close. */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class PresenceTest {

    @TestHTTPResource("/ws")
    URI http;

    private URI ws() {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    private static String presence(String grant) {
        return "{\"type\":\"presence\",\"grant\":\"" + grant + "\"}";
    }

    @Test
    void aFollowerGetsTheStateNowThenOnlineOnTheFirstConnectionAndOfflineAfterTheLast() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String alice = "alice." + suffix, bob = "bob." + suffix;
        try (TestSocket follower = TestSocket.connect(ws(), TestTokens.valid(alice))) {
            follower.send(presence(TestGrants.presence(alice, bob)));
            JsonNode answer = follower.nextIgnoringResync();
            assertEquals("presence", answer.path("type").asText(), answer.toString());
            assertEquals(bob, answer.path("users").get(0).path("userId").asText());
            assertTrue(!answer.path("users").get(0).path("online").asBoolean());
            assertTrue(answer.path("users").get(0).path("lastSeenAt").isNull(), "never seen");
            assertTrue(Instant.parse(answer.path("expiresAt").asText()).isAfter(Instant.now()));

            TestSocket laptop = TestSocket.connect(ws(), TestTokens.valid(bob));
            JsonNode online = follower.nextIgnoringResync();
            assertEquals("presenceChanged", online.path("event").asText(), online.toString());
            assertEquals(bob, online.path("data").path("userId").asText());
            assertTrue(online.path("data").path("online").asBoolean());

            TestSocket phone = TestSocket.connect(ws(), TestTokens.valid(bob));
            laptop.close();
            phone.close();
            JsonNode offline = follower.nextIgnoringResync();
            assertEquals("presenceChanged", offline.path("event").asText(), offline.toString());
            assertTrue(!offline.path("data").path("online").asBoolean(), "one offline, after the last socket");
            Instant lastSeen =
                    Instant.parse(offline.path("data").path("lastSeenAt").asText());
            assertTrue(!lastSeen.isAfter(Instant.now()));
        }
    }

    @Test
    void aGrantNotOfOnesOwnIsRefusedAndFollowsNobody() {
        try (TestSocket mallory = TestSocket.connect(ws(), TestTokens.valid("mallory.pr2"))) {
            mallory.send(presence(TestGrants.presence("alice.pr2", "bob.pr2")));
            JsonNode refused = mallory.nextIgnoringResync();
            assertEquals("forbidden", refused.path("code").asText(), refused.toString());
            mallory.send(presence(TestGrants.valid("mallory.pr2", TestGrants.randomChat()))); // a chat grant
            assertEquals("forbidden", mallory.nextIgnoringResync().path("code").asText());

            TestSocket bob = TestSocket.connect(ws(), TestTokens.valid("bob.pr2"));
            bob.close();
            assertEquals(null, mallory.nextOrNull(), "nothing of bob's presence");
        }
    }
}
