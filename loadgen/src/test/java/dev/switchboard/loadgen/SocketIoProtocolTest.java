package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketIoProtocolTest {

    private final SocketIoProtocol protocol = new SocketIoProtocol(i -> List.of());

    @Test
    void aServerAddressBecomesTheWebSocketTransportWithTheRooms() {
        assertEquals(
                URI.create("ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket&rooms=a%2Cb"),
                SocketIoProtocol.endpoint(URI.create("ws://127.0.0.1:3001"), List.of("a", "b")));
        assertEquals(
                URI.create("wss://io.example:443/custom/?EIO=4&transport=websocket&rooms=c"),
                SocketIoProtocol.endpoint(URI.create("wss://io.example:443/custom/"), List.of("c")));
    }

    @Test
    void anEventFrameIsReadLikeTheReceiversMessageAdded() {
        ServerFrame frame = protocol.read(
                "42[\"messageAdded\",{\"id\":\"m1\",\"chatId\":\"c1\",\"seq\":42,\"content\":\"lg|r|1|5\"}]", null);
        assertEquals(new ServerFrame.MessageAdded("c1", "m1", 42, "lg|r|1|5"), frame);
        assertInstanceOf(ServerFrame.OtherEvent.class, protocol.read("42[\"chatAdded\",{}]", null));
        assertEquals(new ServerFrame.Other("unparseable"), protocol.read("42[\"messageAdded\",", null));
    }

    @Test
    void theNamespaceConnectIsTheWelcomeAndARefusalIsAnError() {
        assertEquals(new ServerFrame.Welcome("s-1", "", "socket.io", 0), protocol.read("40{\"sid\":\"s-1\"}", null));
        assertEquals(
                new ServerFrame.Error("connect_error", "not authorized"),
                protocol.read("44{\"message\":\"not authorized\"}", null));
    }

    @Test
    void theServerPingsSoTheClientHasNoHeartbeatOfItsOwn() {
        assertEquals(null, protocol.heartbeatFrame());
    }

    @Test
    void aConnectionInMoreRoomsThanTheBaselineJoinsIsRefusedBeforeConnecting() {
        SocketIoProtocol crowded = new SocketIoProtocol(i -> java.util.Collections.nCopies(101, "room"));
        FleetConnection connection = new FleetConnection(0, "u", URI.create("ws://127.0.0.1:3001"));
        org.junit.jupiter.api.Assertions.assertThrows(
                SetupException.class, () -> crowded.connectOptions(connection, ""));
    }
}
