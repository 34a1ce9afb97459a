package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.receiver.testing.FakeRecipient;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AudienceRouterTest {

    private final EventCodec codec = new EventCodec();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final CountingEncoder encoder = new CountingEncoder(codec);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The golden events occurred at 2026-11-22T10:15:30.123Z; this clock says 250 ms later. */
    private final DeliveryMetrics metrics = new DeliveryMetrics(
            meters, () -> Instant.parse("2026-11-22T10:15:30.373Z").toEpochMilli());

    private final Watches watches = new Watches(new RemovedMembers());
    private final PresenceWatches presenceWatches = new PresenceWatches();
    private final AudienceRouter router =
            new AudienceRouter(registry, encoder, metrics, new EventLoopHandOff(), watches, presenceWatches);

    private FakeRecipient connect(String connectionId, String userId) {
        return connect(new FakeRecipient(connectionId, userId));
    }

    private FakeRecipient connect(FakeRecipient recipient) {
        registry.add(new LocalConnection(recipient));
        return recipient;
    }

    private EventEnvelope golden(EventType type) {
        return codec.decode(GoldenEvents.json(type));
    }

    /** The golden event with another audience. */
    private EventEnvelope withAudience(EventType type, List<String> userIds, List<String> excluded) throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(GoldenEvents.json(type));
        ObjectNode audience = json.putObject("audience");
        userIds.forEach(audience.putArray("userIds")::add);
        excluded.forEach(audience.putArray("excludeConnectionIds")::add);
        return codec.decode(json.toString());
    }

    private JsonNode json(EncodedFrame frame) throws Exception {
        return codec.mapper().readTree(frame.text());
    }

    private JsonNode json(String text) throws Exception {
        return codec.mapper().readTree(text);
    }

    @Test
    void deliversToTheAudienceOnly() throws Exception {
        FakeRecipient alice = connect("c1", "alice");
        FakeRecipient bob = connect("c2", "bob");
        FakeRecipient carol = connect("c3", "carol");

        int written = router.route(golden(EventType.MESSAGE_ADDED));

        assertEquals(2, written);
        assertEquals(1, alice.frames().size());
        assertEquals(1, bob.frames().size());
        assertTrue(carol.frames().isEmpty());
        JsonNode frame = json(alice.frames().getFirst());
        JsonNode event = codec.mapper().readTree(GoldenEvents.json(EventType.MESSAGE_ADDED));
        assertEquals("event", frame.get("type").asText());
        assertEquals("messageAdded", frame.get("event").asText());
        assertEquals(event.get("id"), frame.get("id"));
        assertEquals(event.get("chatId"), frame.get("chatId"));
        assertEquals(event.get("occurredAt"), frame.get("occurredAt"));
        assertEquals(event.get("data"), frame.get("data"));
        assertEquals(Set.of("type", "event", "id", "chatId", "occurredAt", "data"), fieldNames(frame));
    }

    @Test
    void typingGoesToTheChatsWatchersOnlyNeverToTheTypistAndNotOnAnExpiredGrant() throws Exception {
        EventEnvelope typing = golden(EventType.TYPING); // alice types in the golden chat
        Instant later = Instant.now().plusSeconds(600);
        FakeRecipient bob = watching("c1", "bob", typing.chatId(), later);
        FakeRecipient bobsPhone = watching("c2", "bob", typing.chatId(), later);
        FakeRecipient alicesOtherDevice = watching("c3", "alice", typing.chatId(), later);
        FakeRecipient carolExpired =
                watching("c4", "carol", typing.chatId(), Instant.now().minusSeconds(1));
        FakeRecipient daveElsewhere = watching("c5", "dave", UUID.randomUUID(), later);
        connect("c6", "erin"); // connected, member or not, but not watching

        assertEquals(2, router.route(typing));

        assertEquals(1, bob.frames().size());
        assertSame(bob.frames().getFirst(), bobsPhone.frames().getFirst());
        assertEquals("typing", json(bob.frames().getFirst()).get("event").asText());
        assertEquals(typing.data(), json(bob.frames().getFirst()).get("data"));
        assertTrue(alicesOtherDevice.frames().isEmpty());
        assertTrue(carolExpired.frames().isEmpty());
        assertTrue(daveElsewhere.frames().isEmpty());
    }

    @Test
    void presenceGoesToTheConnectionsFollowingThatUserOnAGrantThatHolds() throws Exception {
        EventEnvelope presence = golden(EventType.PRESENCE_CHANGED); // about bob
        FakeRecipient alice =
                following("c1", "alice", Set.of("bob", "carol"), Instant.now().plusSeconds(600));
        FakeRecipient carol =
                following("c2", "carol", Set.of("dave"), Instant.now().plusSeconds(600));
        FakeRecipient dave =
                following("c3", "dave", Set.of("bob"), Instant.now().minusSeconds(1));

        assertEquals(1, router.route(presence));

        assertEquals(
                "presenceChanged", json(alice.frames().getFirst()).get("event").asText());
        assertEquals(presence.data(), json(alice.frames().getFirst()).get("data"));
        assertTrue(carol.frames().isEmpty());
        assertTrue(dave.frames().isEmpty(), "expired grant");
    }

    private FakeRecipient following(String connectionId, String userId, Set<String> users, Instant until) {
        FakeRecipient recipient = new FakeRecipient(connectionId, userId);
        LocalConnection local = new LocalConnection(recipient);
        registry.add(local);
        presenceWatches.follow(local, new PresenceSubscription(users, until));
        return recipient;
    }

    private FakeRecipient watching(String connectionId, String userId, UUID chatId, Instant until) {
        FakeRecipient recipient = new FakeRecipient(connectionId, userId);
        LocalConnection local = new LocalConnection(recipient);
        registry.add(local);
        assertEquals(Watches.Outcome.WATCHING, watches.watch(local, chatId, Instant.now(), until, 20));
        return recipient;
    }

    @Test
    void encodesOncePerEventAndWritesTheSameBytesToEveryRecipient() {
        FakeRecipient laptop = connect("c1", "alice");
        FakeRecipient phone = connect("c2", "alice");
        FakeRecipient bob = connect("c3", "bob");

        router.route(golden(EventType.MESSAGE_UPDATED));

        assertEquals(1, encoder.eventEncodings);
        assertSame(laptop.frames().getFirst(), phone.frames().getFirst());
        assertSame(laptop.frames().getFirst(), bob.frames().getFirst());
    }

    @Test
    void doesNotEncodeWhenNoAudienceMemberIsConnectedHere() {
        connect("c1", "carol");

        assertEquals(0, router.route(golden(EventType.MESSAGE_ADDED)));

        assertEquals(0, encoder.eventEncodings);
    }

    @Test
    void excludedConnectionGetsNothingWhileTheSameUsersOtherConnectionDoes() throws Exception {
        FakeRecipient origin = connect("origin", "alice");
        FakeRecipient otherTab = connect("other", "alice");
        FakeRecipient bob = connect("c3", "bob");

        router.route(withAudience(EventType.MESSAGE_ADDED, List.of("alice", "bob"), List.of("origin")));

        assertTrue(origin.frames().isEmpty());
        assertEquals(1, otherTab.frames().size());
        assertEquals(1, bob.frames().size());
    }

    @Test
    void anExclusionNamingSomeoneElsesConnectionHidesNothingFromThem() throws Exception {
        FakeRecipient bobsOnly = connect("bob-1", "bob");

        // alice's golden message names bob's connection as its origin: only alice's own could be skipped.
        router.route(withAudience(EventType.MESSAGE_ADDED, List.of("alice", "bob"), List.of("bob-1")));

        assertEquals(1, bobsOnly.frames().size());
    }

    @Test
    void aPackedAudienceAndPackedCountsReachTheLocalMembers() throws Exception {
        List<String> members = new java.util.ArrayList<>();
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (int i = 0; i < 500; i++) {
            String id = String.format("member-%04d", i);
            members.add(id);
            counts.put(id, (long) i);
        }
        FakeRecipient local = connect("c1", "member-0042");
        connect("c2", "stranger");
        UUID chat = UUID.randomUUID();
        EventEnvelope added = codec.envelope(
                EventType.MESSAGE_ADDED,
                chat,
                Instant.now(),
                dev.switchboard.events.Audience.of(members),
                codec.mapper()
                        .readTree(GoldenEvents.json(EventType.MESSAGE_ADDED))
                        .get("data"));
        EventEnvelope unread = codec.envelope(
                EventType.UNREAD_COUNT_UPDATED,
                chat,
                Instant.now(),
                dev.switchboard.events.Audience.of(counts.keySet()),
                new dev.switchboard.events.EventData.UnreadCounts(chat, counts));
        assertTrue(codec.encode(added).contains("packedUserIds"));
        assertTrue(codec.encode(unread).contains("packedCounts"));

        assertEquals(1, router.route(codec.decode(codec.encode(added))));
        assertEquals(1, router.route(codec.decode(codec.encode(unread))));

        assertEquals(2, local.frames().size());
        assertEquals(
                42,
                json(local.frames().getLast()).path("data").path("unreadCount").asInt());
    }

    @Test
    void subscribeFilterNarrowsByEventAndChat() {
        FakeRecipient all = connect("c1", "alice");
        LocalConnection onlyDeletes = new LocalConnection(new FakeRecipient("c2", "alice"));
        onlyDeletes.filter(new SubscriptionFilter(Set.of(EventType.MESSAGE_DELETED), Set.of()));
        registry.add(onlyDeletes);
        LocalConnection otherChat = new LocalConnection(new FakeRecipient("c3", "alice"));
        otherChat.filter(new SubscriptionFilter(Set.of(), Set.of(UUID.randomUUID())));
        registry.add(otherChat);
        EventEnvelope added = golden(EventType.MESSAGE_ADDED);
        LocalConnection sameChat = new LocalConnection(new FakeRecipient("c4", "alice"));
        sameChat.filter(new SubscriptionFilter(Set.of(EventType.MESSAGE_ADDED), Set.of(added.chatId())));
        registry.add(sameChat);

        router.route(added);
        router.route(golden(EventType.MESSAGE_DELETED));

        assertEquals(2, all.frames().size());
        assertEquals(List.of("messageDeleted"), eventNames(onlyDeletes));
        assertEquals(List.of(), eventNames(otherChat));
        assertEquals(List.of("messageAdded"), eventNames(sameChat));
    }

    @Test
    void unreadCountIsCutDownToEachUsersOwnCount() throws Exception {
        FakeRecipient bobLaptop = connect("c1", "bob");
        FakeRecipient bobPhone = connect("c2", "bob");
        FakeRecipient carol = connect("c3", "carol");
        FakeRecipient alice = connect("c4", "alice");

        router.route(withAudience(EventType.UNREAD_COUNT_UPDATED, List.of("alice", "bob", "carol"), List.of()));

        JsonNode chatId =
                json(GoldenEvents.json(EventType.UNREAD_COUNT_UPDATED)).get("chatId");
        JsonNode bobFrame = json(bobLaptop.frames().getFirst());
        assertEquals("unreadCountUpdated", bobFrame.get("event").asText());
        assertEquals(chatId, bobFrame.get("data").get("chatId"));
        assertEquals("bob", bobFrame.get("data").get("userId").asText());
        assertEquals(3, bobFrame.get("data").get("unreadCount").asLong());
        assertEquals(Set.of("chatId", "userId", "unreadCount"), fieldNames(bobFrame.get("data")));
        assertSame(bobLaptop.frames().getFirst(), bobPhone.frames().getFirst());
        assertEquals(
                1,
                json(carol.frames().getFirst()).get("data").get("unreadCount").asLong());
        assertTrue(alice.frames().isEmpty(), "in the audience but not in counts: nothing");
    }

    @Test
    void unreadCountOnlyForUsersInTheAudience() {
        FakeRecipient bob = connect("c1", "bob");
        FakeRecipient carol = connect("c2", "carol");

        router.route(withAudienceUnchecked(List.of("carol")));

        assertTrue(bob.frames().isEmpty());
        assertEquals(1, carol.frames().size());
    }

    @Test
    void aFailingConnectionDoesNotStopTheOthers() {
        connect(new FakeRecipient("c1", "alice").broken());
        FakeRecipient aliceOther = connect("c2", "alice");
        FakeRecipient bob = connect("c3", "bob");

        int written = router.route(golden(EventType.CHAT_ADDED));

        assertEquals(2, written);
        assertEquals(1, aliceOther.frames().size());
        assertEquals(1, bob.frames().size());
        assertEquals(1, router.failedWrites());
    }

    @Test
    void badUnreadCountEventIsCountedAndSkipped() throws Exception {
        FakeRecipient bob = connect("c1", "bob");
        ObjectNode json = (ObjectNode) codec.mapper().readTree(GoldenEvents.json(EventType.UNREAD_COUNT_UPDATED));
        ((ObjectNode) json.get("data")).remove("counts");

        assertEquals(0, router.route(codec.decode(json.toString())));

        assertEquals(1, router.badEvents());
        assertTrue(bob.frames().isEmpty());
        router.route(golden(EventType.UNREAD_COUNT_UPDATED));
        assertEquals(1, bob.frames().size());
    }

    @Test
    void duplicateAudienceEntryStillMeansOneCopy() throws Exception {
        FakeRecipient alice = connect("c1", "alice");

        router.route(withAudience(EventType.CHAT_UPDATED, List.of("alice", "bob", "alice"), List.of()));

        assertEquals(1, alice.frames().size());
    }

    @Test
    void broadcastReachesEveryConnection() {
        FakeRecipient alice = connect("c1", "alice");
        FakeRecipient bob = connect("c2", "bob");

        assertEquals(2, router.broadcast(EncodedFrame.ofText("{\"type\":\"resync\"}")));

        assertEquals(1, alice.frames().size());
        assertSame(alice.frames().getFirst(), bob.frames().getFirst());
    }

    @Test
    void latencyIsRecordedOncePerEventThatReachesSomeone() throws Exception {
        connect("c1", "alice");
        connect("c2", "alice");
        connect("c3", "bob");
        connect("c4", "carol");

        router.route(golden(EventType.MESSAGE_ADDED)); // alice twice, bob
        router.route(withAudience(EventType.UNREAD_COUNT_UPDATED, List.of("alice", "bob", "carol"), List.of()));
        router.route(withAudience(EventType.MESSAGE_ADDED, List.of("dave"), List.of())); // nobody here

        Timer latency = meters.get(DeliveryMetrics.DELIVERY_LATENCY).timer();
        assertEquals(2, latency.count());
        assertEquals(500, latency.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void badEventsAreCountedAsInvalid() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(GoldenEvents.json(EventType.UNREAD_COUNT_UPDATED));
        ((ObjectNode) json.get("data")).remove("counts");
        connect("c1", "bob");

        router.route(codec.decode(json.toString()));
        router.rejected("something", "for a test");

        assertEquals(2, meters.get(DeliveryMetrics.EVENTS_INVALID).counter().count());
    }

    private EventEnvelope withAudienceUnchecked(List<String> userIds) {
        try {
            return withAudience(EventType.UNREAD_COUNT_UPDATED, userIds, List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> eventNames(LocalConnection connection) {
        return ((FakeRecipient) connection.recipient())
                .frames().stream()
                        .map(frame -> {
                            try {
                                return json(frame).get("event").asText();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Counts shared event encodings, to pin "once per event". */
    private static final class CountingEncoder extends ClientFrameEncoder {
        int eventEncodings;

        CountingEncoder(EventCodec codec) {
            super(codec);
        }

        @Override
        public EncodedFrame event(EventEnvelope event) {
            eventEncodings++;
            return super.event(event);
        }
    }
}
