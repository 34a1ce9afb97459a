package dev.switchboard.loadgen;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop schedule: message {@code n} is due at {@code start + n / rate}, whatever happened to the messages
 * before it. The loop wakes on each due time (or as soon after as the OS lets it) and hands every message that is
 * due to the sink stamped with its own intended time, so a late wake-up never shifts the schedule and its delay
 * shows up in the measured latency instead of silently lowering the offered load (coordinated omission).
 *
 * <p>Nothing here waits for a response. The only feedback is the bound on sends in flight: a message due while
 * {@code maxInFlight} sends are outstanding is skipped and counted, not queued, because queueing would turn the
 * open loop back into a closed one.
 */
public final class SendScheduler {

    /** Where due messages go. */
    public interface Sink {
        /** Send message {@code n}; call {@code done} exactly once when its outcome (any outcome) is known. */
        void send(long n, long intendedNanos, Runnable done);

        /** Message {@code n} was due while the in-flight bound was reached, and was not sent. */
        void skipped(long n, long intendedNanos);
    }

    /** Longest single park, so that {@link #stop()} is noticed promptly even at very low rates. */
    private static final long MAX_PARK_NANOS = 50_000_000L;

    private final double ratePerSecond;
    private final int maxInFlight;
    private final Sink sink;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean stopped;

    public SendScheduler(double ratePerSecond, int maxInFlight, Sink sink) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1: " + maxInFlight);
        }
        this.ratePerSecond = ratePerSecond;
        this.maxInFlight = maxInFlight;
        this.sink = sink;
    }

    /** Intended {@code System.nanoTime()} of message {@code n}; computed from n, never accumulated, so no drift. */
    public long intendedNanos(long startNanos, long n) {
        return startNanos + (long) (n * 1_000_000_000.0 / ratePerSecond);
    }

    /**
     * Runs the schedule on the calling thread for every message intended in {@code [startNanos, endNanos)} and
     * returns when the last one is handed over (not when it is answered).
     */
    public void run(long startNanos, long endNanos) {
        long n = 0;
        while (!stopped) {
            long intended = intendedNanos(startNanos, n);
            if (intended - endNanos >= 0) {
                return;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
                continue;
            }
            dispatch(n, intended);
            n++;
        }
    }

    private void dispatch(long n, long intended) {
        due.incrementAndGet();
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            skipped.incrementAndGet();
            sink.skipped(n, intended);
            return;
        }
        sent.incrementAndGet();
        Once done = new Once(inFlight);
        try {
            sink.send(n, intended, done);
        } catch (RuntimeException e) {
            done.run(); // a sink that throws has finished with the message; do not leak its in-flight slot
            throw e;
        }
    }

    /** Ends {@link #run} early (Ctrl-C); messages already handed over finish normally. */
    public void stop() {
        stopped = true;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long due() {
        return due.get();
    }

    public long sent() {
        return sent.get();
    }

    public long skipped() {
        return skipped.get();
    }

    /** Releases the in-flight slot once, however often a careless caller runs it. */
    private static final class Once implements Runnable {
        private final AtomicInteger inFlight;
        private final java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();

        Once(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        @Override
        public void run() {
            if (ran.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
