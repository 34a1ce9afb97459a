package dev.switchboard.receiver.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reads client text frames; every problem becomes a {@link BadFrameException} whose message tells the client why. */
@ApplicationScoped
public class ClientFrameParser {

    private static final int MAX_ECHO = 64;

    private final ObjectReader reader;

    private final int maxSubscribedChats;

    @Inject
    public ClientFrameParser(EventCodec codec, SocketConfig config) {
        this.maxSubscribedChats = config.maxSubscribedChats();
        // Trailing garbage after the object is as unusable as any other malformed frame.
        this.reader = codec.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ClientFrame parse(String text) {
        JsonNode frame;
        try {
            frame = reader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFrameException("frame is not JSON");
        }
        if (frame == null || !frame.isObject()) {
            throw new BadFrameException("frame must be a JSON object");
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadFrameException("type must be a string");
        }
        return switch (type.asText()) {
            case "ping" -> new ClientFrame.Ping();
            case "subscribe" -> subscribe(frame);
            case "auth" -> {
                JsonNode token = frame.get("token");
                if (token == null || !token.isTextual() || token.asText().isBlank()) {
                    throw new BadFrameException("token must be a non-empty string");
                }
                yield new ClientFrame.Auth(token.asText());
            }
            case "watch" -> new ClientFrame.Watch(requiredChatId(frame), requiredText(frame, "grant"));
            case "unwatch" -> new ClientFrame.Unwatch(requiredChatId(frame));
            case "presence" -> new ClientFrame.Presence(requiredText(frame, "grant"));
            case "typing" -> {
                JsonNode typing = frame.get("typing");
                if (typing == null || !typing.isBoolean()) {
                    throw new BadFrameException("typing must be true or false");
                }
                yield new ClientFrame.Typing(requiredChatId(frame), typing.asBoolean());
            }
            default -> throw new BadFrameException("unknown frame type: " + echo(type.asText()));
        };
    }

    private ClientFrame.Subscribe subscribe(JsonNode frame) {
        JsonNode chatIds = frame.get("chatIds");
        if (chatIds != null && chatIds.isArray() && chatIds.size() > maxSubscribedChats) {
            throw new BadFrameException("chatIds may name at most " + maxSubscribedChats + " chats, not "
                    + chatIds.size() + "; leave it out to get every chat");
        }
        return new ClientFrame.Subscribe(list(frame, "events", this::eventType), list(frame, "chatIds", this::chatId));
    }

    private UUID requiredChatId(JsonNode frame) {
        JsonNode chatId = frame.get("chatId");
        if (chatId == null || !chatId.isTextual() || chatId.asText().length() != 36) {
            throw new BadFrameException("chatId must be a chat id (UUID)");
        }
        try {
            return UUID.fromString(chatId.asText());
        } catch (IllegalArgumentException e) {
            throw new BadFrameException("chatId must be a chat id (UUID)");
        }
    }

    private static String requiredText(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadFrameException(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private <T> List<T> list(JsonNode frame, String field, Function<String, T> element) {
        JsonNode node = frame.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadFrameException(field + " must be an array of strings");
        }
        Set<T> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new BadFrameException(field + " must be an array of strings");
            }
            values.add(element.apply(item.asText()));
        }
        return new ArrayList<>(values);
    }

    private EventType eventType(String name) {
        EventType type = EventType.lookup(name);
        if (type == null) {
            throw new BadFrameException("unknown event: " + echo(name));
        }
        return type;
    }

    private UUID chatId(String text) {
        try {
            // UUID.fromString also takes abbreviated forms like 1-2-3-4-5; chat ids are always canonical.
            if (text.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new BadFrameException("chatIds must hold chat ids (UUIDs), not: " + echo(text));
        }
    }

    /** Client text goes back into the error detail, so keep it short. */
    private static String echo(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }

    /** A frame the server cannot use; the message is the {@code detail} of the error frame. */
    public static final class BadFrameException extends RuntimeException {
        public BadFrameException(String detail) {
            super(detail, null, false, false);
        }
    }
}
