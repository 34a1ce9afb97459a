package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.TestGrants;
import dev.switchboard.receiver.testing.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A member removed from a chat stops watching it at once (no more of its typing), on every receiver, and the grant
 * they still hold (valid for up to switchboard.grants.ttl) no longer lets them watch it; a grant issued after they
 * were added back does. Every receiver hears the chatUpdated, even one with none of the chat's members connected.
 */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class RemovedMemberTest extends LiveReceiverTest {

    private void watch(TestSocket socket, String userId, String chatId, String grant, String answer) {
        socket.send("{\"type\":\"watch\",\"chatId\":\"" + chatId + "\",\"grant\":\"" + grant + "\"}");
        JsonNode frame = socket.nextIgnoringResync();
        assertEquals(
                answer,
                "watching".equals(answer)
                        ? frame.path("type").asText()
                        : frame.path("code").asText(),
                frame.toString());
    }

    private static String typing(String chatId) {
        return "{\"type\":\"typing\",\"chatId\":\"" + chatId + "\",\"typing\":true}";
    }

    /** chatUpdated of the chat, as a sender publishes it when bob is removed (audience: members before and after). */
    private ObjectNode removal(String chatId, String removed, List<String> audience, Instant at) {
        ObjectNode event = Events.inChat(Events.event(EventType.CHAT_UPDATED, audience, List.of()), chatId);
        event.put("occurredAt", at.toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", chatId);
        data.putArray("removedMemberIds").add(removed);
        return event;
    }

    @Test
    void aRemovedMemberStopsWatchingAndTheirOldGrantNoLongerWatches() {
        String chat = TestGrants.randomChat();
        TestSocket alice = connect("alice.rm1");
        TestSocket bob = connect("bob.rm1");
        String bobsGrant = TestGrants.valid("bob.rm1", chat);
        watch(alice, "alice.rm1", chat, TestGrants.valid("alice.rm1", chat), "watching");
        watch(bob, "bob.rm1", chat, bobsGrant, "watching");

        Instant removedAt = Instant.now();
        publisher.publish(
                EventType.CHAT_UPDATED,
                removal(chat, "bob.rm1", List.of("alice.rm1", "bob.rm1"), removedAt)
                        .toString());
        assertEquals("chatUpdated", bob.nextIgnoringResync().path("event").asText(), "bob hears he was removed");
        assertEquals("chatUpdated", alice.nextIgnoringResync().path("event").asText());

        alice.send(typing(chat));
        watch(bob, "bob.rm1", chat, bobsGrant, "forbidden");
        // alice's typing did not reach bob: the refusal above is the next frame he got, and nothing follows it.
        assertEquals(null, bob.nextOrNull(), "no typing for a removed member");

        String afterAddedBack = TestGrants.issuedAt(
                "bob.rm1", chat, removedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        watch(bob, "bob.rm1", chat, afterAddedBack, "watching");
    }

    @Test
    void aReceiverWithNoneOfTheChatsMembersStillRemembersTheRemoval() {
        String chat = TestGrants.randomChat();
        Instant removedAt = Instant.now();
        // Nobody of this chat is connected here: the event is for nobody here, and still changes what a grant is worth.
        publisher.publish(
                EventType.CHAT_UPDATED,
                removal(chat, "bob.rm2", List.of("alice.rm2", "bob.rm2"), removedAt)
                        .toString());
        TestSocket bob = connect("bob.rm2");
        String before = TestGrants.issuedAt("bob.rm2", chat, removedAt.minusSeconds(30));
        org.awaitility.Awaitility.await().atMost(TestSocket.WAIT).untilAsserted(() -> {
            bob.send("{\"type\":\"watch\",\"chatId\":\"" + chat + "\",\"grant\":\"" + before + "\"}");
            JsonNode answer = bob.nextIgnoringResync();
            assertTrue("forbidden".equals(answer.path("code").asText()), answer.toString());
        });
    }
}
