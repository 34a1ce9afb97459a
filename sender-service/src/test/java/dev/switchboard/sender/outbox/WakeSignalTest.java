package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WakeSignalTest {

    @Test
    void aSignalGivenBeforeTheWaitIsNotLost() throws InterruptedException {
        WakeSignal wake = new WakeSignal();
        wake.signal();

        assertTrue(wake.await(Duration.ofSeconds(5)));
    }

    @Test
    void manySignalsCollapseIntoOneWakeUp() throws InterruptedException {
        WakeSignal wake = new WakeSignal();
        for (int i = 0; i < 10; i++) {
            wake.signal();
        }

        assertTrue(wake.await(Duration.ofSeconds(5)));
        assertFalse(wake.await(Duration.ofMillis(1)));
    }
}
