package dev.switchboard.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outcomes of the message sends: answers by HTTP status, transport errors by kind, and skips. Messages intended
 * inside the measured window are counted separately too, for the achieved rates.
 */
public final class SendStats {

    private final LongAdder skipped = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder measuredSent = new LongAdder();
    private final LongAdder measuredOk = new LongAdder();
    private final Map<Integer, LongAdder> non2xx = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    public void skipped() {
        skipped.increment();
    }

    public void sent(boolean measured) {
        sent.increment();
        if (measured) {
            measuredSent.increment();
        }
    }

    public void answered(int status, boolean measured) {
        if (status >= 200 && status < 300) {
            ok.increment();
            if (measured) {
                measuredOk.increment();
            }
        } else {
            non2xx.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
    }

    /** A send that got no HTTP answer: refused connection, timeout, reset... counted by a short kind. */
    public void failed(Throwable error) {
        errors.computeIfAbsent(kind(error), k -> new LongAdder()).increment();
    }

    static String kind(Throwable error) {
        String name = error.getClass().getSimpleName();
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return name;
        }
        String firstLine = message.lines().findFirst().orElse("");
        return name + ": " + (firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine);
    }

    public long skippedCount() {
        return skipped.sum();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long okCount() {
        return ok.sum();
    }

    public long measuredSentCount() {
        return measuredSent.sum();
    }

    public long measuredOkCount() {
        return measuredOk.sum();
    }

    public long non2xxCount() {
        return non2xx.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> non2xxByStatus() {
        Map<String, Long> byStatus = new TreeMap<>();
        non2xx.forEach((status, count) -> byStatus.put(Integer.toString(status), count.sum()));
        return byStatus;
    }

    public Map<String, Long> errorsByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((kind, count) -> byKind.put(kind, count.sum()));
        return byKind;
    }
}
