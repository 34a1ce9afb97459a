package dev.switchboard.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/** Prints one line a second while the run goes: rates over the last second, latency percentiles so far. */
final class ProgressReporter implements AutoCloseable {

    /** The figures a line is made of, read fresh each second. */
    record Snapshot(
            String phase,
            long sent,
            long skipped,
            long http2xx,
            long non2xx,
            long errors,
            int inFlight,
            long delivered,
            Histogram latency,
            long open,
            int connections,
            long unexpectedCloses,
            long resyncs) {}

    private final PrintStream out;
    private final Supplier<Snapshot> source;
    private final long startNanos;
    private final Thread thread;
    private Snapshot previous;
    private long previousNanos;

    ProgressReporter(PrintStream out, Supplier<Snapshot> source) {
        this.out = out;
        this.source = source;
        this.startNanos = System.nanoTime();
        this.previousNanos = startNanos;
        this.thread = Thread.ofPlatform().daemon().name("loadgen-progress").unstarted(this::loop);
    }

    ProgressReporter start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                print();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void print() {
        Snapshot now = source.get();
        long nanos = System.nanoTime();
        double seconds = Math.max(1e-3, (nanos - previousNanos) / 1e9);
        Snapshot before = previous == null ? new Snapshot("", 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0) : previous;
        out.println(line(now, before, seconds, (nanos - startNanos) / 1e9));
        previous = now;
        previousNanos = nanos;
    }

    static String line(Snapshot now, Snapshot before, double intervalSeconds, double elapsedSeconds) {
        String latency = now.latency() == null || now.latency().getTotalCount() == 0
                ? "p50 -  p99 -"
                : String.format(
                        Locale.ROOT,
                        "p50 %s  p99 %s",
                        millis(now.latency().getValueAtPercentile(50)),
                        millis(now.latency().getValueAtPercentile(99)));
        return String.format(
                Locale.ROOT,
                "[%6.1fs %-7s] sent %6.0f/s  delivered %7.0f/s  %s  skipped %d  non-2xx %d  errors %d  in-flight %d"
                        + "  open %d/%d%s",
                elapsedSeconds,
                now.phase(),
                (now.sent() - before.sent()) / intervalSeconds,
                (now.delivered() - before.delivered()) / intervalSeconds,
                latency,
                now.skipped(),
                now.non2xx(),
                now.errors(),
                now.inFlight(),
                now.open(),
                now.connections(),
                (now.unexpectedCloses() > 0 ? "  closed " + now.unexpectedCloses() : "")
                        + (now.resyncs() > 0 ? "  resyncs " + now.resyncs() : ""));
    }

    /** Microseconds shown as milliseconds with a sensible number of digits. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms < 10 ? "%.2fms" : ms < 100 ? "%.1fms" : "%.0fms", ms);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
