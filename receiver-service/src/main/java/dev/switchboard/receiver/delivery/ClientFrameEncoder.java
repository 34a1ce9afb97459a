package dev.switchboard.receiver.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every frame the server sends to a client, as JSON text. Frames that never change are built once; event frames
 * are built once per event by the caller ({@link AudienceRouter}), as UTF-8 bytes shared by all recipients. The
 * answers to a client's own frames (welcome, pong, subscribed, errors) are Strings made into frames for one
 * connection; they go through the same bounded write path as events.
 * <p>
 * Event frames are encoded to a String and then to UTF-8, not by Jackson's byte generator: the two differ for
 * text with a broken surrogate pair (the byte generator fails, the String is written with '?'), and a user's
 * odd message must not cost the whole event. Once per event, the extra copy does not matter.
 */
@Singleton
public class ClientFrameEncoder {

    private final EventCodec codec;
    private final String pong;

    @Inject
    public ClientFrameEncoder(EventCodec codec) {
        this.codec = codec;
        this.pong = codec.encode(new TypeOnly("pong"));
    }

    /** @param tokenExpiresAt when the upgrade's token expires: the client renews it in band ({@link #authenticated}) before then */
    public String welcome(
            String connectionId, String userId, String receiverId, int heartbeatSeconds, Instant tokenExpiresAt) {
        return codec.encode(new Welcome("welcome", connectionId, userId, receiverId, heartbeatSeconds, tokenExpiresAt));
    }

    /** The answer to an auth frame whose token was accepted: the connection now lives until then. */
    public String authenticated(Instant tokenExpiresAt) {
        return codec.encode(new Authenticated("authenticated", tokenExpiresAt));
    }

    /** An auth frame whose token was refused; the connection keeps its current token (and expiry). */
    public String authFailed(String detail) {
        return codec.encode(new Error("error", "auth_failed", detail));
    }

    public String pong() {
        return pong;
    }

    /**
     * The answer to a subscribe: the event filter as understood and how many chats it names. The chat ids are not
     * echoed: the answer to a client frame is never as large as the client makes it.
     */
    public String subscribed(List<String> events, int chatCount) {
        return codec.encode(new Subscribed("subscribed", events, chatCount));
    }

    public String badRequest(String detail) {
        return codec.encode(new Error("error", "bad_request", detail));
    }

    /** A frame the client may not send as it stands (typing in a chat it does not watch, a grant not its own). */
    public String forbidden(String detail) {
        return codec.encode(new Error("error", "forbidden", detail));
    }

    /** A client frame that could not be served now (Redis did not answer); the client may send it again. */
    public String unavailable(String detail) {
        return codec.encode(new Error("error", "unavailable", detail));
    }

    /** The answer to a watch frame whose grant was accepted: the connection watches the chat until then. */
    public String watching(UUID chatId, Instant expiresAt) {
        return codec.encode(new Watching("watching", chatId, expiresAt));
    }

    /** The answer to an unwatch frame (also for a chat that was not watched). */
    public String unwatched(UUID chatId) {
        return codec.encode(new Watching("unwatched", chatId, null));
    }

    /** The answer to a presence frame: the followed users' state now, and until when they are followed. */
    public String presence(Instant expiresAt, List<PresenceState> users) {
        return codec.encode(new PresenceAnswer("presence", expiresAt, users));
    }

    /** One user's state in a presence answer ({@code lastSeenAt} null when never seen). */
    @JsonPropertyOrder({"userId", "online", "lastSeenAt"})
    public record PresenceState(String userId, boolean online, Instant lastSeenAt) {}

    /** A client frame over the client's rate, dropped unhandled. */
    public String rateLimited(String detail) {
        return codec.encode(new Error("error", "rate_limited", detail));
    }

    /** Goes to every connection of the instance, like an event. */
    public EncodedFrame resync(String reason) {
        return EncodedFrame.ofText(codec.encode(new Resync("resync", reason)));
    }

    /** The event as clients get it: the envelope less {@code v} and {@code audience}, data untouched. */
    public EncodedFrame event(EventEnvelope event) {
        return EncodedFrame.ofText(codec.encode(new Event(
                "event", event.type().wireName(), event.id(), event.chatId(), event.occurredAt(), event.data())));
    }

    /** The per-user frames of an unreadCountUpdated event: built once per event, filled in per user. */
    public UnreadCountTemplate unreadCounts(EventEnvelope event, UUID chatId) {
        return UnreadCountTemplate.of(unreadCountText(event, chatId, "", 0), codec);
    }

    /**
     * unreadCountUpdated cut down to one user's count, as Jackson writes it: the reference that
     * {@link UnreadCountTemplate} reproduces byte for byte.
     */
    String unreadCountText(EventEnvelope event, UUID chatId, String userId, long unreadCount) {
        return codec.encode(new Event(
                "event",
                event.type().wireName(),
                event.id(),
                event.chatId(),
                event.occurredAt(),
                codec.toTree(new EventData.UnreadCount(chatId, userId, unreadCount))));
    }

    private record TypeOnly(String type) {}

    @JsonPropertyOrder({"type", "connectionId", "userId", "receiverId", "heartbeatSeconds", "tokenExpiresAt"})
    private record Welcome(
            String type,
            String connectionId,
            String userId,
            String receiverId,
            int heartbeatSeconds,
            Instant tokenExpiresAt) {}

    @JsonPropertyOrder({"type", "tokenExpiresAt"})
    private record Authenticated(String type, Instant tokenExpiresAt) {}

    @JsonPropertyOrder({"type", "events", "chatCount"})
    private record Subscribed(String type, List<String> events, int chatCount) {}

    @JsonPropertyOrder({"type", "code", "detail"})
    private record Error(String type, String code, String detail) {}

    @JsonPropertyOrder({"type", "chatId", "expiresAt"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Watching(String type, UUID chatId, Instant expiresAt) {}

    @JsonPropertyOrder({"type", "expiresAt", "users"})
    private record PresenceAnswer(String type, Instant expiresAt, List<PresenceState> users) {}

    @JsonPropertyOrder({"type", "reason"})
    private record Resync(String type, String reason) {}

    @JsonPropertyOrder({"type", "event", "id", "chatId", "occurredAt", "data"})
    private record Event(String type, String event, UUID id, UUID chatId, Instant occurredAt, JsonNode data) {}
}
