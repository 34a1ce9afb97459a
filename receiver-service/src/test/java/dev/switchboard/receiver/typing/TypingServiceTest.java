package dev.switchboard.receiver.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import dev.switchboard.events.Partitions;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.delivery.RemovedMembers;
import dev.switchboard.receiver.delivery.Watches;
import dev.switchboard.receiver.testing.FakeRecipient;
import dev.switchboard.runtime.testing.ConfigMappings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the receiver hands to Redis for typing frames: the golden event, on the chat's channel, behind its gate. */
class TypingServiceTest {

    private record Published(int partition, String gateKey, Duration gate, String channel, String payload) {}

    private final EventCodec codec = new EventCodec();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final EphemeralPublisher capture = (partition, gateKey, gate, channel, payload) -> {
        published.add(new Published(partition, gateKey, gate, channel, payload));
        return CompletableFuture.completedFuture(true);
    };
    private final TypingService typing = new TypingService(
            capture,
            codec,
            new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(Partitions.DEFAULT_COUNT)),
            ConfigMappings.read(TypingConfig.class, Map.of()),
            new SimpleMeterRegistry());
    private final Watches watches = new Watches(new RemovedMembers());

    private LocalConnection watching(String userId, UUID chatId) {
        LocalConnection connection =
                new LocalConnection(new FakeRecipient(UUID.randomUUID().toString(), userId));
        watches.watch(connection, chatId, Instant.now(), Instant.now().plusSeconds(600), 20);
        return connection;
    }

    @Test
    void aTypingFrameBecomesTheGoldenEventOnTheChatsPartitionChannelBehindAGatePerUserAndChat() throws Exception {
        JsonNode golden = codec.mapper().readTree(GoldenEvents.json(EventType.TYPING));
        UUID chatId = UUID.fromString(golden.get("chatId").asText());
        LocalConnection alice = watching("alice", chatId);

        assertEquals(TypingService.Outcome.FORWARDED, typing.typing(alice, chatId, true));

        Published event = published.getFirst();
        assertEquals(Duration.ofSeconds(3), event.gate());
        assertTrue(event.channel().startsWith("switchboard:typing:{"), event.channel());
        assertTrue(event.gateKey().endsWith(":" + chatId + ":alice:typing"), event.gateKey());
        assertTrue(
                event.gateKey()
                        .contains(event.channel().substring(event.channel().indexOf('{'))),
                "same slot");
        ObjectNode produced = (ObjectNode) codec.mapper().readTree(event.payload());
        Instant occurredAt = Instant.parse(produced.get("occurredAt").asText());
        assertEquals(
                occurredAt.plusSeconds(6),
                Instant.parse(produced.get("data").get("until").asText()),
                "timeout 6s");
        for (ObjectNode node : List.of(produced, (ObjectNode) golden)) {
            node.remove(List.of("id", "occurredAt"));
            ((ObjectNode) node.get("data")).remove("until");
        }
        assertEquals(golden, produced);
    }

    @Test
    void framesWithinTheIntervalAndStopsWithNothingToStopStayHere() {
        UUID chatId = UUID.randomUUID();
        LocalConnection alice = watching("alice", chatId);

        assertEquals(TypingService.Outcome.DROPPED, typing.typing(alice, chatId, false), "nothing to stop");
        assertEquals(TypingService.Outcome.FORWARDED, typing.typing(alice, chatId, true));
        assertEquals(TypingService.Outcome.DROPPED, typing.typing(alice, chatId, true));
        assertEquals(TypingService.Outcome.FORWARDED, typing.typing(alice, chatId, false));
        assertEquals(TypingService.Outcome.DROPPED, typing.typing(alice, chatId, false));
        assertEquals(2, published.size());
    }

    @Test
    void aConnectionThatDoesNotWatchTheChatMayNotType() {
        LocalConnection mallory = watching("mallory", UUID.randomUUID());

        assertEquals(TypingService.Outcome.NOT_WATCHING, typing.typing(mallory, UUID.randomUUID(), true));
        assertTrue(published.isEmpty());
    }

    @Test
    void closingWhileTypingPublishesAStopOnlyForTheChatsStillShowing() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        LocalConnection alice = watching("alice", first);
        watches.watch(alice, second, Instant.now(), Instant.now().plusSeconds(600), 20);
        typing.typing(alice, first, true);

        typing.closed(alice);

        assertEquals(2, published.size());
        JsonNode stop = codec.mapper().readTree(published.getLast().payload());
        assertEquals(first.toString(), stop.get("chatId").asText());
        assertEquals(false, stop.get("data").get("typing").asBoolean());
        assertTrue(stop.get("data").get("until").isNull());
    }

    @Test
    void aConnectionsStopIsNotHandedToRedisBeforeItsTypingWasDone() {
        List<CompletableFuture<Boolean>> pending = new CopyOnWriteArrayList<>();
        List<String> calls = new CopyOnWriteArrayList<>();
        TypingService slow = new TypingService(
                (partition, gateKey, gate, channel, payload) -> {
                    calls.add(gateKey.substring(gateKey.lastIndexOf(':') + 1));
                    CompletableFuture<Boolean> answer = new CompletableFuture<>();
                    pending.add(answer);
                    return answer;
                },
                codec,
                new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(Partitions.DEFAULT_COUNT)),
                ConfigMappings.read(TypingConfig.class, Map.of()),
                new SimpleMeterRegistry());
        UUID chatId = UUID.randomUUID();
        LocalConnection alice = watching("alice", chatId);

        slow.typing(alice, chatId, true);
        slow.typing(alice, chatId, false);
        assertEquals(List.of("typing"), calls, "the stop waits for the typing's answer");

        pending.getFirst().complete(true);
        assertEquals(List.of("typing", "stopped"), calls);
    }
}
