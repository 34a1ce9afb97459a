package dev.switchboard.receiver.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndStartsOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

        assertEquals(100, backoff.nextDelayMillis());
        assertEquals(200, backoff.nextDelayMillis());
        assertEquals(400, backoff.nextDelayMillis());
        assertEquals(500, backoff.nextDelayMillis());
        assertEquals(500, backoff.nextDelayMillis());

        backoff.reset();
        assertEquals(100, backoff.nextDelayMillis());
    }
}
