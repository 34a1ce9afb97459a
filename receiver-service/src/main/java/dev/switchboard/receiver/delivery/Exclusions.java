package dev.switchboard.receiver.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import java.util.List;

/**
 * Which connections an event must skip. A send may name one connection that already has the message (its REST
 * answer): {@code Switchboard-Origin-Connection}. The sender cannot tell whose connection that is; this receiver
 * can, so the exclusion is honoured only for connections of the message's own sender: naming someone else's
 * connection hides nothing from them. Worked out once per event.
 */
final class Exclusions {

    private static final Exclusions NONE = new Exclusions(List.of(), null);

    private final List<String> connectionIds;
    private final String owner;

    private Exclusions(List<String> connectionIds, String owner) {
        this.connectionIds = connectionIds;
        this.owner = owner;
    }

    static Exclusions of(EventEnvelope event) {
        List<String> named = event.audience().excludeConnectionIds();
        if (named.isEmpty() || event.type() != EventType.MESSAGE_ADDED) {
            return NONE;
        }
        JsonNode sender = event.data().get("senderId");
        return sender != null && sender.isTextual() ? new Exclusions(named, sender.asText()) : NONE;
    }

    boolean skips(LocalConnection connection) {
        return owner != null && owner.equals(connection.userId()) && connectionIds.contains(connection.connectionId());
    }
}
