package dev.switchboard.receiver.subscription;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LivenessProbeTest {

    private static final long BUSY_LIMIT = TimeUnit.SECONDS.toNanos(30);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LivenessProbe probe = new LivenessProbe(BUSY_LIMIT);

    @Test
    void aQuietSubscriptionIsChecked() {
        assertTrue(probe.checkNeeded());
        assertTrue(probe.checkNeeded());
    }

    @Test
    void messagesSinceTheLastCheckAreProofEnough() {
        probe.messageReceived();
        assertFalse(probe.checkNeeded(), "messages arrived: no check");
        assertTrue(probe.checkNeeded(), "nothing since: check");
    }

    @Test
    void anUnconfirmedCheckWhileMessagesKeepArrivingIsLaggingNotLost() {
        probe.checkStarted(0);
        probe.messageReceived();
        assertTrue(probe.keepWaiting(2 * SECOND), "the confirmation is queued behind the messages");
        probe.messageReceived();
        assertTrue(probe.keepWaiting(4 * SECOND));
    }

    @Test
    void anUnconfirmedCheckWithoutMessagesIsALoss() {
        probe.messageReceived();
        probe.checkStarted(0);
        assertFalse(probe.keepWaiting(2 * SECOND), "messages before the check do not count");
    }

    @Test
    void messagesStoppingDuringTheWaitMeanLoss() {
        probe.checkStarted(0);
        probe.messageReceived();
        assertTrue(probe.keepWaiting(2 * SECOND));
        assertFalse(probe.keepWaiting(4 * SECOND), "silence since the last look");
    }

    @Test
    void theBusyLimitBoundsTheWait() {
        probe.checkStarted(0);
        probe.messageReceived();
        assertFalse(probe.keepWaiting(BUSY_LIMIT), "even while messages still arrive");
    }
}
