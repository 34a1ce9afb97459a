package dev.switchboard.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Writes a run's outcome: the summary table on stdout, and in the output directory {@code result.json},
 * {@code report.html} and {@code delivery-latency.hgrm} (HdrHistogram's percentile distribution, in
 * milliseconds, for plotting next to other runs).
 */
final class ResultWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;

    ResultWriter(PrintStream out) {
        this.out = out;
    }

    void write(RunResult result, Histogram deliveryLatency, Histogram sendLatency, Path dir) {
        out.println();
        summary(result).forEach(out::println);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("result.json"), json(result));
            Files.writeString(dir.resolve("report.html"), HtmlReport.render(result));
            Files.writeString(dir.resolve("delivery-latency.hgrm"), hgrm(deliveryLatency));
            Files.writeString(dir.resolve("send-latency.hgrm"), hgrm(sendLatency));
            out.println("  files          " + dir.toAbsolutePath().normalize()
                    + "/{result.json, report.html, delivery-latency.hgrm, send-latency.hgrm}");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    static String json(RunResult result) {
        try {
            return JSON.writeValueAsString(result) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary table: the same rows on stdout and (as HTML) in the report. */
    static List<String[]> rows(RunResult r) {
        List<String[]> rows = new ArrayList<>();
        RunResult.Sending s = r.sending();
        DeliveryCounts d = r.delivery();
        if (r.setup().chats() > 0) {
            rows.add(new String[] {
                "sends",
                String.format(
                        Locale.ROOT,
                        "due %d  sent %d  skipped %d  2xx %d  non-2xx %d  errors %d",
                        s.due(),
                        s.sent(),
                        s.skipped(),
                        s.http2xx(),
                        s.httpNon2xx(),
                        s.httpErrors())
            });
            rows.add(new String[] {
                "send rate",
                String.format(
                        Locale.ROOT,
                        "offered %.1f/s  achieved %.1f/s  acknowledged %.1f/s  (over %.1fs measured)",
                        s.offeredPerSecond(),
                        s.achievedPerSecond(),
                        s.acknowledgedPerSecond(),
                        s.measuredSeconds())
            });
            rows.add(new String[] {
                "deliveries",
                String.format(
                        Locale.ROOT,
                        "expected %d  delivered %d  lost %d  duplicates %d  out-of-order %d  unacknowledged %d",
                        d.expected(),
                        d.delivered(),
                        d.lost(),
                        d.duplicates(),
                        d.outOfOrder(),
                        d.deliveredUnacknowledged())
            });
            rows.add(new String[] {"delivery rate", String.format(Locale.ROOT, "%.1f/s", r.deliveredPerSecond())});
            if (r.flood() != null) {
                Flood.Outcome f = r.flood();
                rows.add(new String[] {
                    "flood",
                    String.format(
                            Locale.ROOT,
                            "chats %d of %d (%d refused)  sends %d  accepted %d  refused %s  errors %d",
                            f.chatsCreated(),
                            f.chatsWanted(),
                            f.chatRefusals(),
                            f.sent(),
                            f.accepted(),
                            f.refusedByStatus(),
                            f.errors())
                });
            }
            rows.add(new String[] {"latency", latency(r.deliveryLatencyMicros()) + "  (intended send -> received)"});
            rows.add(new String[] {
                "send answer", latency(r.sendLatencyMicros()) + "  (intended send -> " + answer(r) + ")"
            });
        }
        FleetStats f = r.connections();
        rows.add(new String[] {
            "connections",
            String.format(
                    Locale.ROOT,
                    "%d of %d open at the end  frames %d  closed by server %d  resyncs %d  error frames %d",
                    f.open(),
                    f.connections(),
                    f.frames(),
                    f.unexpectedCloseCount(),
                    f.resyncs(),
                    f.errorFrames())
        });
        for (ReceiverMemory m : r.receiverMemory()) {
            rows.add(new String[] {"memory", memory(m)});
        }
        if (r.receiverCpu() != null) {
            rows.add(new String[] {"server cpu", cpu(r.receiverCpu())});
        }
        rows.add(new String[] {"verdict", r.problems().isEmpty() ? "clean" : String.join("; ", r.problems())});
        return rows;
    }

    static String latency(LatencySummary l) {
        if (l.count() == 0) {
            return "no samples";
        }
        return String.format(
                Locale.ROOT,
                "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n=%d)",
                ProgressReporter.millis(l.p50()),
                ProgressReporter.millis(l.p90()),
                ProgressReporter.millis(l.p99()),
                ProgressReporter.millis(l.p999()),
                ProgressReporter.millis(l.max()),
                l.count());
    }

    static String cpu(ReceiverCpu c) {
        if (c.cpuSeconds() == null) {
            return c.note();
        }
        return String.format(
                Locale.ROOT,
                "%.2f s on %d receiver(s) for %d frames: %s us per delivered frame, %s of it in the kernel (%s)",
                c.cpuSeconds(),
                c.receivers(),
                c.frames(),
                c.microsPerFrame() == null ? "-" : c.microsPerFrame().toString(),
                c.systemMicrosPerFrame() == null
                        ? "-"
                        : c.systemMicrosPerFrame().toString(),
                c.note());
    }

    static String memory(ReceiverMemory m) {
        StringBuilder line = new StringBuilder(m.receiver())
                .append("  ")
                .append(m.connections())
                .append(" conns  ");
        if (m.heapUsedAfter() != null) {
            line.append("heap ").append(mib(m.heapUsedBefore())).append(" -> ").append(mib(m.heapUsedAfter()));
            line.append(" (").append(m.heapBytesPerConnection()).append(" B/conn)  ");
        }
        if (m.rssAfter() != null) {
            line.append("rss ").append(mib(m.rssBefore())).append(" -> ").append(mib(m.rssAfter()));
            line.append(" (").append(m.rssBytesPerConnection()).append(" B/conn)  ");
        }
        if (m.pid() != null) {
            line.append("pid ").append(m.pid()).append("  ");
        }
        if (m.note() != null) {
            line.append(m.note());
        }
        return line.toString().strip();
    }

    private static String mib(Long bytes) {
        return bytes == null ? "?" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** What was measured: Switchboard, or the Socket.IO baseline. */
    static String title(RunResult r) {
        return FeedParameters.runTitle(String.valueOf(r.parameters().get("server")));
    }

    /** What answers a send: the sender's HTTP answer, or Redis's answer to the PUBLISH. */
    static String answer(RunResult r) {
        return "redis".equals(r.parameters().get("feed")) ? "Redis PUBLISH answer" : "HTTP answer";
    }

    private List<String> summary(RunResult r) {
        List<String> lines = new ArrayList<>();
        boolean idle = r.setup().chats() == 0;
        lines.add(String.format(
                Locale.ROOT,
                "%s %s  workload %s  connections %s  %s",
                title(r),
                r.runId(),
                r.parameters().get("workload"),
                r.parameters().get("connections"),
                idle
                        ? "held " + r.parameters().get("duration")
                        : "rate " + r.parameters().get("rate") + "/s  measured "
                                + r.parameters().get("duration") + " after warm-up "
                                + r.parameters().get("warmup")));
        for (String[] row : rows(r)) {
            lines.add(String.format(Locale.ROOT, "  %-15s%s", row[0], row[1]));
        }
        return lines;
    }

    /** HdrHistogram's text percentile distribution, values scaled from microseconds to milliseconds. */
    static String hgrm(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "# no samples\n";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(print, 1000.0);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
