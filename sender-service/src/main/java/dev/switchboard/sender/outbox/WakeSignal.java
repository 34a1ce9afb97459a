package dev.switchboard.sender.outbox;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * "There may be new outbox rows", and in which partitions. Signalled from event-loop threads (NOTIFY, connection loss)
 * without blocking; awaited by the relay thread. Signals that arrive while the relay is busy collapse into one wake-up
 * that names every partition signalled meanwhile, so a relay reads only the partitions that have news: with several
 * senders, most commits are in partitions another relay holds.
 */
public final class WakeSignal {

    private final Semaphore permits = new Semaphore(0);
    private final BitSet partitions = new BitSet();
    private boolean all;

    /** Anything may have changed: look at every partition. */
    public void signal() {
        synchronized (partitions) {
            all = true;
        }
        release();
    }

    /** Rows were committed in these partitions (a NOTIFY payload: comma-separated numbers; empty means any). */
    public void signal(String payload) {
        if (payload == null || payload.isBlank()) {
            signal();
            return;
        }
        synchronized (partitions) {
            for (String part : payload.split(",")) {
                try {
                    partitions.set(Integer.parseInt(part.strip()));
                } catch (RuntimeException e) {
                    all = true; // a payload this version does not understand: look everywhere
                }
            }
        }
        release();
    }

    /**
     * @return the partitions signalled since the last call; {@link Wake#everything()} when the timeout passed first,
     *     or a signal named no partition
     */
    public Wake await(Duration timeout) throws InterruptedException {
        boolean signalled = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        permits.drainPermits();
        synchronized (partitions) {
            Wake wake = new Wake(signalled, !signalled || all ? null : (BitSet) partitions.clone());
            partitions.clear();
            all = false;
            return wake;
        }
    }

    /**
     * Waits the whole {@code linger}, then takes whatever was signalled meanwhile, as {@link #await} does: commits
     * arriving close together then share one relay round.
     */
    public Wake collect(Duration linger) throws InterruptedException {
        Thread.sleep(linger);
        return await(Duration.ZERO);
    }

    private void release() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /**
     * What a wake-up asks the relay to look at: some partitions, or (null) every one it holds.
     *
     * @param signalled false when the wait timed out
     */
    public record Wake(boolean signalled, BitSet partitions) {

        static Wake everything() {
            return new Wake(false, null);
        }

        /** Both wake-ups' partitions (everything, if either asks for everything). */
        public Wake and(Wake other) {
            if (!other.signalled()) {
                return this;
            }
            if (isEverything() || other.isEverything()) {
                return new Wake(true, null);
            }
            BitSet both = (BitSet) partitions.clone();
            both.or(other.partitions);
            return new Wake(true, both);
        }

        public boolean isEverything() {
            return partitions == null;
        }

        public boolean includes(int partition) {
            return partitions == null || partitions.get(partition);
        }
    }
}
