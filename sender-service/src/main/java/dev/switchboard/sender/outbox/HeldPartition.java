package dev.switchboard.sender.outbox;

import dev.switchboard.runtime.Backoff;
import java.time.Duration;

/**
 * A partition this relay holds: the epoch of its hold, and when it may be published again after its transport failed
 * (each partition backs off on its own, so one Redis node that is away holds up only its own partitions).
 */
final class HeldPartition {

    private final int partition;
    private final long epoch;
    private final Backoff backoff;
    private long notBeforeNanos;
    private int failuresInARow;
    /** Rows were signalled while it could not be read (backing off): read it once it may be again. */
    private boolean looked = true;

    HeldPartition(int partition, long epoch, Duration initialBackoff, Duration maxBackoff) {
        this.partition = partition;
        this.epoch = epoch;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
    }

    int partition() {
        return partition;
    }

    long epoch() {
        return epoch;
    }

    boolean isReady(long nowNanos) {
        return nowNanos - notBeforeNanos >= 0;
    }

    long notBeforeNanos() {
        return notBeforeNanos;
    }

    /** @return the wait before the next try; the first failure of a streak is 1 */
    Duration failed(long nowNanos) {
        looked = false; // its rows are still there: read it when the backoff ends
        Duration wait = backoff.next();
        notBeforeNanos = nowNanos + wait.toNanos();
        failuresInARow++;
        return wait;
    }

    /** Whether a round should read it now, given a wake-up; remembers news it cannot act on yet. */
    boolean wanted(WakeSignal.Wake wake, long nowNanos) {
        boolean news = wake.includes(partition) || !looked;
        if (!isReady(nowNanos)) {
            looked &= !news;
            return false;
        }
        looked = true;
        return news;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    void pauseFor(Duration wait, long nowNanos) {
        looked = false;
        notBeforeNanos = nowNanos + wait.toNanos();
    }

    void succeeded() {
        backoff.reset();
        failuresInARow = 0;
    }
}
