package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ServerFrameDecoderTest {

    @Test
    void readsTheWelcome() {
        assertEquals(
                new ServerFrame.Welcome("c-1", "alice", "receiver-1", 30),
                ServerFrameDecoder.decode(
                        "{\"type\":\"welcome\",\"connectionId\":\"c-1\",\"userId\":\"alice\",\"receiverId\":\"receiver-1\","
                                + "\"heartbeatSeconds\":30}"));
    }

    @Test
    void readsAMessageAddedEvent() {
        String frame = "{\"type\":\"event\",\"event\":\"messageAdded\",\"id\":\"e-1\",\"chatId\":\"chat-1\","
                + "\"occurredAt\":\"2026-11-22T10:15:30.123Z\",\"data\":{\"id\":\"m-1\",\"chatId\":\"chat-1\",\"seq\":42,"
                + "\"senderId\":\"bob\",\"content\":\"lg|r|1|2\",\"contentType\":\"text\",\"clientMessageId\":\"c\","
                + "\"createdAt\":\"2026-11-22T10:15:30.123Z\",\"editedAt\":null,\"deleted\":false}}";
        assertEquals(new ServerFrame.MessageAdded("chat-1", "m-1", 42, "lg|r|1|2"), ServerFrameDecoder.decode(frame));
    }

    @Test
    void aMessageAddedInAnotherLayoutIsStillRead() {
        String frame = "{ \"data\" : { \"seq\" : 3, \"id\" : \"m\", \"content\" : \"x\" }, \"chatId\" : \"c\","
                + " \"event\" : \"messageAdded\", \"type\" : \"event\" }";
        assertEquals(new ServerFrame.MessageAdded("c", "m", 3, "x"), ServerFrameDecoder.decode(frame));
    }

    @Test
    void otherEventsAreOnlyCounted() {
        assertInstanceOf(
                ServerFrame.OtherEvent.class,
                ServerFrameDecoder.decode(
                        "{\"type\":\"event\",\"event\":\"unreadCountUpdated\",\"id\":\"e\",\"chatId\":\"c\",\"data\":{}}"));
        assertInstanceOf(
                ServerFrame.OtherEvent.class,
                ServerFrameDecoder.decode("{ \"type\" : \"event\", \"event\" : \"chatAdded\", \"data\" : {} }"));
    }

    @Test
    void aNotificationCarryingAMessageIsNotAMessageAdded() {
        assertInstanceOf(
                ServerFrame.OtherEvent.class,
                ServerFrameDecoder.decode(
                        "{\"type\":\"event\",\"event\":\"chatMessageNotification\",\"data\":{\"message\":"
                                + "{\"content\":\"messageAdded\",\"seq\":1}}}"));
    }

    @Test
    void readsResyncErrorAndTheRest() {
        assertEquals(
                new ServerFrame.Resync("redis"),
                ServerFrameDecoder.decode("{\"type\":\"resync\",\"reason\":\"redis\"}"));
        assertEquals(
                new ServerFrame.Error("bad_request", "x"),
                ServerFrameDecoder.decode("{\"type\":\"error\",\"code\":\"bad_request\",\"detail\":\"x\"}"));
        assertEquals(new ServerFrame.Other("pong"), ServerFrameDecoder.decode("{\"type\":\"pong\"}"));
        assertEquals(new ServerFrame.Other("unparseable"), ServerFrameDecoder.decode("not json"));
    }
}
