package dev.switchboard.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads the receivers' text frames into {@link ServerFrame}s. */
final class ServerFrameDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServerFrame.OtherEvent OTHER_EVENT = new ServerFrame.OtherEvent();

    /**
     * Decodes one text frame. Each message fans out into four events per member (messageAdded plus the chat-list,
     * notification and unread events); the three that are only counted are recognised without a JSON parse when
     * the frame is in the server's compact form. Any other form is parsed, so the shortcut never changes a result.
     */
    static ServerFrame decode(String text) {
        if (!text.contains("messageAdded") && text.contains("\"type\":\"event\"")) {
            return OTHER_EVENT;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            return new ServerFrame.Other("unparseable");
        }
        String type = frame.path("type").asText("");
        return switch (type) {
            case "welcome" ->
                new ServerFrame.Welcome(
                        frame.path("connectionId").asText(),
                        frame.path("userId").asText(),
                        frame.path("receiverId").asText(),
                        frame.path("heartbeatSeconds").asInt(30));
            case "event" -> {
                if (!"messageAdded".equals(frame.path("event").asText())) {
                    yield OTHER_EVENT;
                }
                JsonNode data = frame.path("data");
                String chatId = data.hasNonNull("chatId")
                        ? data.get("chatId").asText()
                        : frame.path("chatId").asText();
                yield new ServerFrame.MessageAdded(
                        chatId,
                        data.path("id").asText(),
                        data.path("seq").asLong(-1),
                        data.path("content").isTextual() ? data.get("content").asText() : null);
            }
            case "resync" -> new ServerFrame.Resync(frame.path("reason").asText());
            case "error" ->
                new ServerFrame.Error(
                        frame.path("code").asText(), frame.path("detail").asText());
            default -> new ServerFrame.Other(type);
        };
    }

    private ServerFrameDecoder() {}
}
