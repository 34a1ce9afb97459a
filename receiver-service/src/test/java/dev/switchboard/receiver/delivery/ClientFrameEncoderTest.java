package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFrameEncoderTest {

    private final ClientFrameEncoder encoder = new ClientFrameEncoder(new EventCodec());

    @Test
    void welcomeCarriesConnectionUserAndReceiver() {
        assertEquals(
                "{\"type\":\"welcome\",\"connectionId\":\"c-1\",\"userId\":\"alice\",\"receiverId\":\"receiver-1\","
                        + "\"heartbeatSeconds\":30}",
                encoder.welcome("c-1", "alice", "receiver-1", 30));
    }

    @Test
    void fixedFrames() {
        assertEquals("{\"type\":\"pong\"}", encoder.pong());
        assertEquals(
                "{\"type\":\"resync\",\"reason\":\"subscription-restored\"}",
                encoder.resync("subscription-restored").text());
        assertEquals(
                "{\"type\":\"error\",\"code\":\"bad_request\",\"detail\":\"frame is not JSON\"}",
                encoder.badRequest("frame is not JSON"));
        assertEquals(
                "{\"type\":\"subscribed\",\"events\":[\"messageAdded\"],\"chatCount\":0}",
                encoder.subscribed(List.of("messageAdded"), 0));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"rate_limited\",\"detail\":\"slow down\"}",
                encoder.rateLimited("slow down"));
    }
}
