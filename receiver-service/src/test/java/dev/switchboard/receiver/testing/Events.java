package dev.switchboard.receiver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.events.GoldenEvents;
import java.util.List;
import java.util.UUID;

/** Golden events, and variants of them with another id, audience or chat, as JSON trees. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {}

    public static ObjectNode golden(EventType type) {
        try {
            return (ObjectNode) JSON.readTree(GoldenEvents.json(type));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh event (new id) of the golden shape for these users, less the excluded connections. */
    public static ObjectNode event(EventType type, List<String> userIds, List<String> excludedConnectionIds) {
        ObjectNode event = golden(type);
        event.put("id", UUID.randomUUID().toString());
        ObjectNode audience = event.putObject("audience");
        userIds.forEach(audience.putArray("userIds")::add);
        excludedConnectionIds.forEach(audience.putArray("excludeConnectionIds")::add);
        return event;
    }

    /** Same, in another chat. */
    public static ObjectNode inChat(ObjectNode event, String chatId) {
        event.put("chatId", chatId);
        return event;
    }

    /** What a client should get for a published event: the envelope less v and audience, data untouched. */
    public static JsonNode clientFrame(JsonNode published) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", "event");
        frame.put("event", published.get("type").asText());
        frame.set("id", published.get("id"));
        frame.set("chatId", published.get("chatId"));
        frame.set("occurredAt", published.get("occurredAt"));
        frame.set("data", published.get("data"));
        return frame;
    }

    /** What one user should get for a published unreadCountUpdated. */
    public static JsonNode unreadCountFrame(JsonNode published, String userId) {
        ObjectNode frame = (ObjectNode) clientFrame(published);
        ObjectNode data = JSON.createObjectNode();
        data.set("chatId", published.get("data").get("chatId"));
        data.put("userId", userId);
        data.set("unreadCount", published.get("data").get("counts").get(userId));
        frame.set("data", data);
        return frame;
    }
}
