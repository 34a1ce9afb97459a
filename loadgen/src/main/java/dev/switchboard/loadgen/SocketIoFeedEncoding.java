package dev.switchboard.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * The same message as {@link SwitchboardFeedEncoding}'s, as {@code @socket.io/redis-emitter} would publish
 * {@code io.to(chatId).emit("messageAdded", message)}: {@code [uid, packet, options]} in MessagePack on the room's
 * channel {@code socket.io#/#<room>#}, which every adapter pattern-subscribes to and which an instance without the
 * room drops unread (as a receiver drops an event nobody of its own is in). Each Socket.IO server then writes
 * {@code 42["messageAdded",{...}]} to the room's sockets.
 */
final class SocketIoFeedEncoding implements FeedEncoding {

    /** The adapter drops messages with its own uid; any other id is a foreign emitter, as here. */
    static final String EMITTER_UID = "loadgen";

    static final String CHANNEL_PREFIX = "socket.io#/#";

    /** Socket.IO packet type EVENT. */
    private static final int EVENT = 2;

    private final EventCodec codec;

    SocketIoFeedEncoding(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public Publication messageAdded(FeedMessage m) {
        JsonNode message = codec.toTree(SwitchboardFeedEncoding.message(m, Instant.now()));
        String room = m.chatId().toString();
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packArrayHeader(3);
            packer.packString(EMITTER_UID);
            packer.packMapHeader(3);
            packer.packString("type").packInt(EVENT);
            packer.packString("data").packArrayHeader(2).packString("messageAdded");
            pack(message, packer);
            packer.packString("nsp").packString("/");
            packer.packMapHeader(3);
            packer.packString("rooms").packArrayHeader(1).packString(room);
            packer.packString("except").packArrayHeader(0);
            packer.packString("flags").packMapHeader(0);
            return new Publication(CHANNEL_PREFIX + room + "#", packer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON to MessagePack, value for value (what the adapter decodes back into the object Socket.IO serialises). */
    static void pack(JsonNode node, MessagePacker packer) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                packer.packMapHeader(node.size());
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    packer.packString(field.getKey());
                    pack(field.getValue(), packer);
                }
            }
            case ARRAY -> {
                packer.packArrayHeader(node.size());
                for (JsonNode element : node) {
                    pack(element, packer);
                }
            }
            case STRING -> packer.packString(node.asText());
            case BOOLEAN -> packer.packBoolean(node.asBoolean());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    packer.packLong(node.asLong());
                } else {
                    packer.packDouble(node.asDouble());
                }
            }
            case NULL, MISSING -> packer.packNil();
            default -> throw new IllegalArgumentException("no MessagePack form for " + node.getNodeType());
        }
    }
}
