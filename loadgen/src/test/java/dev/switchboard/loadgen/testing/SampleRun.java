package dev.switchboard.loadgen.testing;

import dev.switchboard.loadgen.DeliveryCounts;
import dev.switchboard.loadgen.FeedParameters;
import dev.switchboard.loadgen.FleetStats;
import dev.switchboard.loadgen.ReceiverCpu;
import dev.switchboard.loadgen.ResultBuilder;
import dev.switchboard.loadgen.RunParameters;
import dev.switchboard.loadgen.RunResult;
import dev.switchboard.loadgen.SendStats;
import dev.switchboard.loadgen.Workload;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A finished run with known numbers, for the result file and report tests. */
public final class SampleRun {

    public static final RunParameters PARAMETERS = new RunParameters(
            "t3st",
            List.of(URI.create("http://127.0.0.1:8081")),
            List.of(URI.create("ws://127.0.0.1:8091/ws")),
            100,
            Workload.DIRECT,
            100,
            200,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            RunParameters.TokenSourceKind.DEV,
            null,
            "switchboard-dev",
            "switchboard",
            0,
            Path.of("target/results/x"),
            256,
            Duration.ofSeconds(10),
            100,
            0,
            null,
            false,
            List.of(),
            FeedParameters.SENDERS);

    private SampleRun() {}

    public static Histogram deliveryLatency() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            h.recordValue(i); // 1 us .. 10 ms, uniform: p50 ~ 5 ms, p99 ~ 9.9 ms
        }
        return h;
    }

    public static Histogram sendLatency() {
        Histogram h = new Histogram(3);
        h.recordValue(1_500);
        h.recordValue(2_500);
        return h;
    }

    public static RunResult result(DeliveryCounts delivery) {
        SendStats stats = new SendStats();
        for (int i = 0; i < 3000; i++) {
            stats.sent(i >= 1000);
            stats.answered(201, i >= 1000);
        }
        RunResult.Setup setup = new RunResult.Setup(
                "dev token endpoint of the senders", 0.5, 1.2, 0.3, 50, 2.0, Map.of("ws://127.0.0.1:8091/ws", 100L));
        FleetStats fleet = new FleetStats(100, 100, 24_000, 18_000, 0, 0, Map.of());
        return ResultBuilder.build(
                PARAMETERS,
                Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:00:30Z"),
                setup,
                null,
                stats,
                delivery,
                deliveryLatency(),
                sendLatency(),
                Duration.ofSeconds(10),
                fleet,
                List.of(),
                new ReceiverCpu(1, 1.5, 0.6, 150_000, 10.0, "pids [4242]"),
                null,
                false);
    }

    public static RunResult clean() {
        return result(new DeliveryCounts(6000, 6000, 0, 0, 0, 0, 0));
    }
}
