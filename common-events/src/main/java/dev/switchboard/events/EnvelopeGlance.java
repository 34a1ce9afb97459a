package dev.switchboard.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Reads of an encoded envelope only what decides whether anyone here wants it: its type, chat and audience, which
 * every encoder of this contract writes before {@code data}. Every receiver sees every event of the deployment and
 * most have no local audience, so this look, not a full decode, is what such an event costs. The answer is on the
 * safe side: whatever the glance cannot read plainly (another field order, a malformed payload) is left to
 * {@link EventCodec#decode}, which either decodes it or says why not.
 */
public final class EnvelopeGlance {

    /**
     * What the glance saw. {@code forSomeone} is false only when neither audience form names a user the predicate
     * accepts; {@code type} and {@code chatId} are the raw texts, for checking the channel the event came on.
     */
    public record Seen(String type, String chatId, boolean forSomeone) {}

    private final JsonFactory factory;

    public EnvelopeGlance(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * @param present whether a user id has anyone here (called once per listed user until one answers yes)
     * @return what was seen, or null when the payload must be decoded in full to know
     */
    public Seen read(byte[] json, Predicate<String> present) {
        return read(json, 0, json.length, present);
    }

    /** {@link #read(byte[], Predicate)} of {@code length} bytes from {@code offset}. */
    public Seen read(byte[] json, int offset, int length, Predicate<String> present) {
        try (JsonParser parser = factory.createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            String chatId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "chatId" -> chatId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "audience" -> {
                        if (type == null || chatId == null || value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        return new Seen(type, chatId, forSomeone(parser, present));
                    }
                    default -> parser.skipChildren();
                }
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null; // the full decode names the problem
        }
    }

    /**
     * True as soon as either form names a present user: the decoder prefers the packed form when both are there,
     * so "nobody" must hold for both.
     */
    private static boolean forSomeone(JsonParser parser, Predicate<String> present) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("userIds") && value == JsonToken.START_ARRAY) {
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    if (item == null) {
                        throw new IOException("truncated audience");
                    }
                    if (item.isStructStart()) {
                        parser.skipChildren();
                    } else if (present.test(parser.getValueAsString())) {
                        return true;
                    }
                }
            } else if (field.equals("packedUserIds") && value == JsonToken.VALUE_STRING) {
                for (String userId : PackedText.unpack(parser.getText())) {
                    if (present.test(userId)) {
                        return true;
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return false;
    }
}
