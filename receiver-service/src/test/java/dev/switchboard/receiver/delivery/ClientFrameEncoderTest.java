package dev.switchboard.receiver.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFrameEncoderTest {

    private final ClientFrameEncoder encoder = new ClientFrameEncoder(new EventCodec());

    @Test
    void welcomeCarriesConnectionUserAndReceiver() {
        assertEquals(
                "{\"type\":\"welcome\",\"connectionId\":\"c-1\",\"userId\":\"alice\",\"receiverId\":\"receiver-1\","
                        + "\"heartbeatSeconds\":30,\"tokenExpiresAt\":\"2026-12-03T10:00:00.000Z\"}",
                encoder.welcome("c-1", "alice", "receiver-1", 30, Instant.parse("2026-12-03T10:00:00Z")));
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
        assertEquals(
                "{\"type\":\"authenticated\",\"tokenExpiresAt\":\"2026-12-03T10:00:00.000Z\"}",
                encoder.authenticated(Instant.parse("2026-12-03T10:00:00Z")));
        assertEquals(
                "{\"type\":\"error\",\"code\":\"auth_failed\",\"detail\":\"token not valid\"}",
                encoder.authFailed("token not valid"));
    }
}
