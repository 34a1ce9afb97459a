package dev.switchboard.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds, 3 significant digits. Writers on many event-loop threads record wait-free into a
 * {@link Recorder}; readers fold the recorder's interval into a cumulative histogram, so the progress line and the
 * final summary read the same numbers without stopping the writers.
 */
public final class LatencyHistogram {

    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram cumulative = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Records the time from {@code fromNanos} to {@code toNanos}; a negative span (clock skew cannot happen within one process, but be safe) counts as 0. */
    public void recordSpan(long fromNanos, long toNanos) {
        recordMicros(Math.max(0, (toNanos - fromNanos) / 1000));
    }

    public void recordMicros(long micros) {
        recorder.recordValue(micros);
    }

    /** Everything recorded so far, as a copy the caller owns. */
    public synchronized Histogram snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }
}
