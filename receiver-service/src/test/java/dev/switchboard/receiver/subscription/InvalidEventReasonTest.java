package dev.switchboard.receiver.subscription;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventCodec;
import org.junit.jupiter.api.Test;

class InvalidEventReasonTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void aMalformedPayloadIsDescribedWithoutQuotingIt() {
        EventCodec.InvalidEventException e = assertThrows(
                EventCodec.InvalidEventException.class,
                () -> codec.decode("{\"v\":1,\"data\":{\"content\":secret-words-of-a-user}}"));

        String reason = EventIngest.reasonOf(e);

        assertFalse(reason.contains("secret"), reason);
        assertTrue(reason.matches("cannot decode event: Json\\w+ at line 1, column \\d+"), reason);
    }
}
