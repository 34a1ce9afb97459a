package dev.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels on a Redis channel. {@code data} stays a JSON tree so that a receiver can forward it
 * to clients without binding it to a type; {@link EventCodec#dataAs} binds it when a typed view is needed.
 */
public record EventEnvelope(
        int v, UUID id, EventType type, UUID chatId, Instant occurredAt, Audience audience, JsonNode data) {

    public static final int VERSION = 1;
}
