package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Message;
import dev.switchboard.events.Partitions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

class FeedEncodingTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final UUID CHAT = UUID.fromString("0190f5c2-7a1e-7c3a-9b2d-4f6e8a1b2c3d");
    private static final List<String> MEMBERS =
            IntStream.range(0, 40).mapToObj(i -> "lg-x-" + i).toList();
    private static final FeedEncoding.FeedMessage MESSAGE =
            new FeedEncoding.FeedMessage(CHAT, MEMBERS, 7, "lg-x-3", "lg|x|6|123", "lg-x-6");

    @Test
    void switchboardGetsTheContractsEnvelopeOnTheChatsPartitionChannel() {
        EventChannels channels = new EventChannels("switchboard:", new Partitions(64));
        FeedEncoding.Publication publication = new SwitchboardFeedEncoding(channels, CODEC).messageAdded(MESSAGE);

        assertEquals(channels.channel(EventType.MESSAGE_ADDED, CHAT), publication.channel());
        EventEnvelope event = CODEC.decode(publication.payload());
        assertEquals(EventType.MESSAGE_ADDED, event.type());
        assertEquals(CHAT, event.chatId());
        assertEquals(MEMBERS, event.audience().userIds());
        Message message = CODEC.dataAs(event, Message.class);
        assertEquals(7, message.seq());
        assertEquals("lg-x-3", message.senderId());
        assertEquals("lg|x|6|123", message.content());
        assertEquals(CHAT, message.chatId());
    }

    @Test
    void socketIoGetsWhatTheRedisEmitterPublishesToTheChatsRoom() throws Exception {
        FeedEncoding.Publication publication = new SocketIoFeedEncoding(CODEC).messageAdded(MESSAGE);

        assertEquals("socket.io#/#" + CHAT + "#", publication.channel());
        ArrayValue args = MessagePack.newDefaultUnpacker(publication.payload())
                .unpackValue()
                .asArrayValue();
        assertEquals(3, args.size());
        assertEquals(
                SocketIoFeedEncoding.EMITTER_UID, args.get(0).asStringValue().asString());
        Map<String, Value> packet = map(args.get(1));
        assertEquals(2, packet.get("type").asIntegerValue().asInt());
        assertEquals("/", packet.get("nsp").asStringValue().asString());
        ArrayValue data = packet.get("data").asArrayValue();
        assertEquals("messageAdded", data.get(0).asStringValue().asString());
        Map<String, Value> message = map(data.get(1));
        assertEquals(7, message.get("seq").asIntegerValue().asLong());
        assertEquals("lg|x|6|123", message.get("content").asStringValue().asString());
        assertEquals(CHAT.toString(), message.get("chatId").asStringValue().asString());
        assertTrue(message.get("editedAt").isNilValue());
        assertTrue(message.get("deleted").isBooleanValue());
        Map<String, Value> options = map(args.get(2));
        assertEquals(
                List.of(CHAT.toString()),
                options.get("rooms").asArrayValue().list().stream()
                        .map(v -> v.asStringValue().asString())
                        .toList());
        assertEquals(0, options.get("except").asArrayValue().size());
        assertEquals(0, options.get("flags").asMapValue().size());
    }

    private static Map<String, Value> map(Value value) {
        MapValue map = value.asMapValue();
        return map.map().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().asStringValue().asString(), Map.Entry::getValue));
    }
}
