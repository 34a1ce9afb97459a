package dev.switchboard.sender.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * "There may be new outbox rows." Signalled from event-loop threads (NOTIFY, connection loss) without blocking;
 * awaited by the relay thread. Signals that arrive while the relay is busy collapse into one wake-up, because
 * one round reads everything committed so far anyway.
 */
public final class WakeSignal {

    private final Semaphore permits = new Semaphore(0);

    public void signal() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** @return true when signalled, false when the timeout passed first */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean signalled = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        permits.drainPermits();
        return signalled;
    }
}
