package dev.switchboard.receiver.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventType;
import dev.switchboard.runtime.testing.ConfigMappings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientFrameParserTest {

    private static final String CHAT = "0190f5c2-7a1e-7c3a-9b2d-4f6e8a1b2c3d";

    private final ClientFrameParser parser = new ClientFrameParser(
            new EventCodec(),
            ConfigMappings.read(SocketConfig.class, Map.of("switchboard.socket.max-subscribed-chats", "3")));

    @Test
    void aSubscribeNamingMoreChatsThanAllowedIsABadFrame() {
        String four = "[\"" + String.join("\",\"", java.util.Collections.nCopies(4, CHAT)) + "\"]";
        ClientFrameParser.BadFrameException e = assertThrows(
                ClientFrameParser.BadFrameException.class,
                () -> parser.parse("{\"type\":\"subscribe\",\"chatIds\":" + four + "}"));
        assertEquals("chatIds may name at most 3 chats, not 4; leave it out to get every chat", e.getMessage());
    }

    @Test
    void readsAuthAndRefusesOneWithoutAToken() {
        assertEquals(new ClientFrame.Auth("a.b.c"), parser.parse("{\"type\":\"auth\",\"token\":\"a.b.c\"}"));
        for (String frame : List.of(
                "{\"type\":\"auth\"}", "{\"type\":\"auth\",\"token\":7}", "{\"type\":\"auth\",\"token\":\" \"}")) {
            assertThrows(ClientFrameParser.BadFrameException.class, () -> parser.parse(frame), frame);
        }
    }

    @Test
    void readsPing() {
        assertInstanceOf(ClientFrame.Ping.class, parser.parse("{\"type\":\"ping\"}"));
    }

    @Test
    void readsSubscribeWithBothLists() {
        ClientFrame.Subscribe subscribe = (ClientFrame.Subscribe) parser.parse(
                "{\"type\":\"subscribe\",\"events\":[\"messageAdded\",\"chatAdded\",\"messageAdded\"],\"chatIds\":[\""
                        + CHAT + "\"]}");

        assertEquals(List.of(EventType.MESSAGE_ADDED, EventType.CHAT_ADDED), subscribe.events());
        assertEquals(List.of("messageAdded", "chatAdded"), subscribe.eventNames());
        assertEquals(List.of(UUID.fromString(CHAT)), subscribe.chatIds());
        assertEquals(
                Set.of(EventType.MESSAGE_ADDED, EventType.CHAT_ADDED),
                subscribe.filter().events());
    }

    @Test
    void absentNullOrEmptyListsMeanEverything() {
        for (String frame : List.of(
                "{\"type\":\"subscribe\"}",
                "{\"type\":\"subscribe\",\"events\":null}",
                "{\"type\":\"subscribe\",\"events\":[],\"chatIds\":[]}")) {
            ClientFrame.Subscribe subscribe = (ClientFrame.Subscribe) parser.parse(frame);
            assertTrue(subscribe.filter().events().isEmpty(), frame);
            assertTrue(subscribe.filter().chatIds().isEmpty(), frame);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "hello                                          | frame is not JSON",
                "{\"type\":\"ping\"                             | frame is not JSON",
                "{\"type\":\"ping\"} trailing                   | frame is not JSON",
                "[1,2]                                          | frame must be a JSON object",
                "\"ping\"                                       | frame must be a JSON object",
                "{}                                             | type must be a string",
                "{\"type\":7}                                   | type must be a string",
                "{\"type\":\"dance\"}                           | unknown frame type: dance",
                "{\"type\":\"subscribe\",\"events\":\"messageAdded\"} | events must be an array of strings",
                "{\"type\":\"subscribe\",\"events\":[1]}        | events must be an array of strings",
                "{\"type\":\"subscribe\",\"events\":[\"nope\"]} | unknown event: nope",
                "{\"type\":\"subscribe\",\"chatIds\":{}}        | chatIds must be an array of strings",
                "{\"type\":\"subscribe\",\"chatIds\":[\"1-2-3-4-5\"]} | 'chatIds must hold chat ids (UUIDs), not: 1-2-3-4-5'",
            })
    void rejectsUnusableFramesWithAReason(String frame, String detail) {
        ClientFrameParser.BadFrameException e =
                assertThrows(ClientFrameParser.BadFrameException.class, () -> parser.parse(frame));
        assertEquals(detail, e.getMessage());
    }

    @Test
    void echoesOnlyAShortPieceOfClientText() {
        String longType = "x".repeat(1000);
        ClientFrameParser.BadFrameException e = assertThrows(
                ClientFrameParser.BadFrameException.class, () -> parser.parse("{\"type\":\"" + longType + "\"}"));
        assertTrue(e.getMessage().length() < 100, e.getMessage());
    }
}
