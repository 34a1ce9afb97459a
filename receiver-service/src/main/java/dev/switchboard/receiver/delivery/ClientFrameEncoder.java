package dev.switchboard.receiver.delivery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every frame the server sends to a client, as JSON text. Frames that never change are built once; event frames
 * are built once per event by the caller ({@link AudienceRouter}) and shared by all recipients.
 */
@ApplicationScoped
public class ClientFrameEncoder {

    private final EventCodec codec;
    private final String pong;

    @Inject
    public ClientFrameEncoder(EventCodec codec) {
        this.codec = codec;
        this.pong = codec.encode(new TypeOnly("pong"));
    }

    public String welcome(String connectionId, String userId, String receiverId, int heartbeatSeconds) {
        return codec.encode(new Welcome("welcome", connectionId, userId, receiverId, heartbeatSeconds));
    }

    public String pong() {
        return pong;
    }

    public String subscribed(List<String> events, List<String> chatIds) {
        return codec.encode(new Subscribed("subscribed", events, chatIds));
    }

    public String badRequest(String detail) {
        return codec.encode(new Error("error", "bad_request", detail));
    }

    public String resync(String reason) {
        return codec.encode(new Resync("resync", reason));
    }

    /** The event as clients get it: the envelope less {@code v} and {@code audience}, data untouched. */
    public String event(EventEnvelope event) {
        return codec.encode(new Event("event", event.type().wireName(), event.id(), event.chatId(),
                event.occurredAt(), event.data()));
    }

    /** unreadCountUpdated cut down to one user's count. */
    public String unreadCount(EventEnvelope event, UUID chatId, String userId, long unreadCount) {
        return codec.encode(new Event("event", event.type().wireName(), event.id(), event.chatId(),
                event.occurredAt(), codec.toTree(new EventData.UnreadCount(chatId, userId, unreadCount))));
    }

    private record TypeOnly(String type) {
    }

    @JsonPropertyOrder({"type", "connectionId", "userId", "receiverId", "heartbeatSeconds"})
    private record Welcome(String type, String connectionId, String userId, String receiverId, int heartbeatSeconds) {
    }

    @JsonPropertyOrder({"type", "events", "chatIds"})
    private record Subscribed(String type, List<String> events, List<String> chatIds) {
    }

    @JsonPropertyOrder({"type", "code", "detail"})
    private record Error(String type, String code, String detail) {
    }

    @JsonPropertyOrder({"type", "reason"})
    private record Resync(String type, String reason) {
    }

    @JsonPropertyOrder({"type", "event", "id", "chatId", "occurredAt", "data"})
    private record Event(String type, String event, UUID id, UUID chatId, Instant occurredAt, JsonNode data) {
    }
}
