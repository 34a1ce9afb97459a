package dev.switchboard.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who gets an event: these users' connections, less the listed connections. On the wire, up to
 * {@link #LISTED_AT_MOST} user ids travel as {@code "userIds":[...]}; a larger audience as
 * {@code "packedUserIds":"..."} ({@link PackedText}), since the same thousand ids would otherwise fill most of the
 * four events of every send to a big chat.
 */
@JsonSerialize(using = Audience.Writer.class)
@JsonDeserialize(using = Audience.Reader.class)
public record Audience(List<String> userIds, List<String> excludeConnectionIds) {

    /** Audiences up to this size are listed; larger ones are packed. */
    public static final int LISTED_AT_MOST = 32;

    public Audience {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
        excludeConnectionIds = excludeConnectionIds == null ? List.of() : List.copyOf(excludeConnectionIds);
    }

    public static Audience of(Collection<String> userIds) {
        return new Audience(List.copyOf(userIds), List.of());
    }

    public Audience excluding(String connectionId) {
        if (connectionId == null || connectionId.isBlank()) {
            return this;
        }
        return new Audience(userIds, List.of(connectionId));
    }

    static final class Writer extends JsonSerializer<Audience> {
        @Override
        public void serialize(Audience audience, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            if (audience.userIds().size() > LISTED_AT_MOST) {
                gen.writeStringField("packedUserIds", PackedText.pack(audience.userIds()));
            } else {
                gen.writeArrayFieldStart("userIds");
                for (String id : audience.userIds()) {
                    gen.writeString(id);
                }
                gen.writeEndArray();
            }
            gen.writeArrayFieldStart("excludeConnectionIds");
            for (String id : audience.excludeConnectionIds()) {
                gen.writeString(id);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<Audience> {
        @Override
        public Audience deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node == null || !node.isObject()) {
                throw context.weirdStringException(String.valueOf(node), Audience.class, "audience must be an object");
            }
            List<String> userIds;
            JsonNode packed = node.get("packedUserIds");
            if (packed != null && packed.isTextual()) {
                try {
                    userIds = PackedText.unpack(packed.asText());
                } catch (IllegalArgumentException e) {
                    throw context.weirdStringException("packedUserIds", Audience.class, e.getMessage());
                }
            } else {
                userIds = strings(node.get("userIds"));
            }
            return new Audience(userIds, strings(node.get("excludeConnectionIds")));
        }

        private static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            if (array != null && array.isArray()) {
                for (JsonNode item : array) {
                    values.add(item.asText());
                }
            }
            return values;
        }
    }
}
