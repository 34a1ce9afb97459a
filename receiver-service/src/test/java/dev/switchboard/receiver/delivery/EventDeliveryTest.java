package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.RedisPublisher;
import dev.switchboard.receiver.testing.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Events published on Redis, as a sender publishes them, reach the right sockets in the right shape.
 * "Gets nothing" is shown without waiting: a later marker event that the client does get must be the next frame,
 * because one subscription delivers in publish order.
 */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class EventDeliveryTest extends LiveReceiverTest {

    private static final List<String> EVERYONE = List.of("alice", "bob", "carol", "dave");

    @Inject
    AudienceRouter router;

    private void publish(JsonNode event) {
        publisher.publish(EventType.fromWireName(event.get("type").asText()), event.toString());
    }

    private ObjectNode publishMarker(List<String> userIds) {
        ObjectNode marker = Events.event(EventType.CHAT_ADDED, userIds, List.of());
        publish(marker);
        return marker;
    }

    @Test
    void everyGoldenEventReachesItsAudienceAsTheContractsClientFrame() {
        Map<String, TestSocket> users = new LinkedHashMap<>();
        EVERYONE.forEach(user -> users.put(user, connect(user)));
        Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
        EVERYONE.forEach(user -> expected.put(user, new ArrayList<>()));

        for (EventType type : EventType.values()) {
            JsonNode golden = Events.golden(type);
            assertEquals(1, publisher.publish(type, GoldenEvents.json(type)), "one subscriber: this receiver");
            for (JsonNode member : golden.get("audience").get("userIds")) {
                String user = member.asText();
                if (type != EventType.UNREAD_COUNT_UPDATED) {
                    expected.get(user).add(Events.clientFrame(golden));
                } else if (golden.get("data").get("counts").has(user)) {
                    expected.get(user).add(Events.unreadCountFrame(golden, user));
                }
            }
        }
        JsonNode marker = Events.clientFrame(publishMarker(EVERYONE));

        users.forEach((user, socket) -> {
            List<JsonNode> got = new ArrayList<>();
            for (JsonNode frame = socket.nextIgnoringResync();
                    !frame.equals(marker);
                    frame = socket.nextIgnoringResync()) {
                got.add(frame);
            }
            assertEquals(expected.get(user), got, "frames of " + user);
        });
        assertEquals(List.of(), expected.get("dave"), "dave is in no golden audience");
    }

    @Test
    void timesKeepTheirMillisecondsOnTheWire() {
        TestSocket alice = connect("alice");
        publisher.publish(EventType.MESSAGE_ADDED, GoldenEvents.json(EventType.MESSAGE_ADDED));

        JsonNode frame = alice.nextIgnoringResync();

        assertEquals("2026-11-22T10:15:30.123Z", frame.get("occurredAt").asText());
        assertEquals(
                "2026-11-22T10:15:30.123Z", frame.get("data").get("createdAt").asText());
    }

    @Test
    void aNonMemberGetsNothing() {
        TestSocket dave = connect("dave");
        TestSocket alice = connect("alice");
        publish(Events.event(EventType.MESSAGE_ADDED, List.of("alice", "bob"), List.of()));

        JsonNode marker = Events.clientFrame(publishMarker(List.of("dave")));

        assertEquals(marker, dave.nextIgnoringResync());
        assertEquals("messageAdded", alice.nextIgnoringResync().get("event").asText());
    }

    @Test
    void theExcludedConnectionGetsNothingWhileTheSameUsersOtherConnectionDoes() {
        TestSocket origin = connect("alice");
        TestSocket otherTab = connect("alice");
        ObjectNode added =
                Events.event(EventType.MESSAGE_ADDED, List.of("alice", "bob"), List.of(origin.connectionId()));
        publish(added);

        JsonNode marker = Events.clientFrame(publishMarker(List.of("alice")));

        assertEquals(Events.clientFrame(added), otherTab.nextIgnoringResync());
        assertEquals(marker, otherTab.nextIgnoringResync());
        assertEquals(marker, origin.nextIgnoringResync());
    }

    @Test
    void subscribeFilterNarrowsWhatTheConnectionGets() {
        TestSocket deletesOnly = connect("alice");
        TestSocket otherChatOnly = connect("alice");
        String otherChat = UUID.randomUUID().toString();
        deletesOnly.send("{\"type\":\"subscribe\",\"events\":[\"messageDeleted\"]}");
        assertEquals("subscribed", deletesOnly.nextIgnoringResync().get("type").asText());
        otherChatOnly.send("{\"type\":\"subscribe\",\"chatIds\":[\"" + otherChat + "\"]}");
        assertEquals(
                "subscribed", otherChatOnly.nextIgnoringResync().get("type").asText());

        publish(Events.event(EventType.MESSAGE_ADDED, List.of("alice"), List.of()));
        ObjectNode deleted = Events.event(EventType.MESSAGE_DELETED, List.of("alice"), List.of());
        publish(deleted);
        ObjectNode inOtherChat =
                Events.inChat(Events.event(EventType.MESSAGE_ADDED, List.of("alice"), List.of()), otherChat);
        publish(inOtherChat);

        assertEquals(Events.clientFrame(deleted), deletesOnly.nextIgnoringResync());
        assertEquals(Events.clientFrame(inOtherChat), otherChatOnly.nextIgnoringResync());
    }

    @Test
    void aBadEventOnRedisDoesNotStopTheNextOne() {
        TestSocket alice = connect("alice");
        long badBefore = router.badEvents();
        publisher.publish(EventType.MESSAGE_ADDED, "this is not an event");
        publisher.publish(EventType.MESSAGE_ADDED, "{\"v\":99,\"type\":\"messageAdded\"}");
        publisher.publish(EventType.MESSAGE_DELETED, GoldenEvents.json(EventType.MESSAGE_ADDED)); // wrong channel
        ObjectNode good = Events.event(EventType.MESSAGE_UPDATED, List.of("alice"), List.of());
        publish(good);

        assertEquals(Events.clientFrame(good), alice.nextIgnoringResync());
        assertEquals(badBefore + 3, router.badEvents());
    }

    @Test
    void anEventOnAnotherPartitionsChannelIsRejectedNotDelivered() {
        TestSocket alice = connect("alice");
        long badBefore = router.badEvents();
        // alice's is decoded in full; carol's (nobody here) is dropped after a glance: both are caught
        for (String user : List.of("alice", "carol")) {
            ObjectNode misrouted = Events.event(EventType.MESSAGE_ADDED, List.of(user), List.of());
            UUID chat = UUID.fromString(misrouted.get("chatId").asText());
            int elsewhere = (RedisPublisher.CHANNELS.partitions().of(chat) + 1)
                    % RedisPublisher.CHANNELS.partitions().count();
            publisher.send(Request.cmd(Command.PUBLISH)
                    .arg(RedisPublisher.CHANNELS.channel(EventType.MESSAGE_ADDED, elsewhere))
                    .arg(misrouted.toString()));
        }
        publisher.publish(
                EventType.CHAT_ADDED,
                Events.event(EventType.MESSAGE_ADDED, List.of("carol"), List.of())
                        .toString()); // wrong type's channel
        ObjectNode good = Events.event(EventType.MESSAGE_UPDATED, List.of("alice"), List.of());
        publish(good);

        assertEquals(Events.clientFrame(good), alice.nextIgnoringResync(), "the misrouted event never reached alice");
        assertEquals(badBefore + 3, router.badEvents());
    }
}
