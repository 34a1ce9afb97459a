package dev.switchboard.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Assembles a {@link RunResult} and judges it: a run is clean only if nothing was lost, doubled or refused. */
public final class ResultBuilder {

    private ResultBuilder() {}

    public static RunResult build(
            RunParameters p,
            Instant startedAt,
            Instant finishedAt,
            RunResult.Setup setup,
            SendScheduler scheduler,
            SendStats stats,
            DeliveryCounts delivery,
            Histogram deliveryLatency,
            Histogram sendLatency,
            Duration measured,
            FleetStats fleet,
            List<ReceiverMemory> memory,
            ReceiverCpu cpu,
            Flood.Outcome flood,
            boolean interrupted) {
        double seconds = measured.toNanos() / 1e9;
        RunResult.Sending sending = new RunResult.Sending(
                scheduler == null ? 0 : scheduler.due(),
                stats.sentCount(),
                stats.skippedCount(),
                stats.okCount(),
                stats.non2xxCount(),
                stats.non2xxByStatus(),
                stats.errorCount(),
                stats.errorsByKind(),
                round(seconds),
                p.workload().sendsMessages() ? p.rate() : 0,
                rate(stats.measuredSentCount(), seconds),
                rate(stats.measuredOkCount(), seconds));
        List<String> problems = problems(p, sending, delivery, fleet, interrupted);
        return new RunResult(
                "switchboard-loadgen",
                p.runId(),
                startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                finishedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                problems.isEmpty() ? "clean" : "problems",
                problems,
                parameters(p),
                setup,
                sending,
                delivery,
                rate(deliveryLatency.getTotalCount(), seconds),
                LatencySummary.of(deliveryLatency),
                LatencySummary.of(sendLatency),
                fleet,
                List.copyOf(memory),
                cpu,
                flood);
    }

    static List<String> problems(
            RunParameters p,
            RunResult.Sending sending,
            DeliveryCounts delivery,
            FleetStats fleet,
            boolean interrupted) {
        List<String> problems = new ArrayList<>();
        if (interrupted) {
            problems.add("interrupted before the end of the schedule");
        }
        add(
                problems,
                delivery.lost(),
                "deliveries lost (not received within the drain of " + DurationConverter.format(p.drain()) + ")");
        add(problems, delivery.duplicates(), "duplicate deliveries");
        add(problems, delivery.outOfOrder(), "out-of-order deliveries");
        add(
                problems,
                sending.skipped(),
                "sends skipped: --http-concurrency " + p.httpConcurrency()
                        + " sends were already in flight (the system or this machine cannot keep up with the rate)");
        add(problems, sending.httpNon2xx(), "non-2xx answers " + sending.non2xxByStatus());
        add(problems, sending.httpErrors(), "sends without an answer " + sending.errorsByKind());
        add(problems, fleet.unexpectedCloseCount(), "connections closed by the server " + fleet.unexpectedCloses());
        add(problems, fleet.resyncs(), "resync frames");
        add(problems, fleet.errorFrames(), "error frames");
        return problems;
    }

    private static void add(List<String> problems, long count, String what) {
        if (count > 0) {
            problems.add(count + " " + what);
        }
    }

    /** The parameters under the names of the command-line options. */
    static Map<String, Object> parameters(RunParameters p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("senders", p.senders().stream().map(Object::toString).toList());
        m.put("receivers", p.receivers().stream().map(Object::toString).toList());
        m.put("connections", p.connections());
        m.put("workload", p.workload().id());
        m.put("group-size", p.groupSize());
        m.put("rate", p.rate());
        m.put("duration", DurationConverter.format(p.duration()));
        m.put("warmup", DurationConverter.format(p.warmup()));
        m.put("drain", DurationConverter.format(p.drain()));
        m.put("token-source", p.tokenSource().name().toLowerCase(java.util.Locale.ROOT));
        m.put("signing-key", p.signingKey() == null ? null : p.signingKey().toString());
        m.put("issuer", p.issuer());
        m.put("audience", p.audience());
        m.put("deflate", p.deflate());
        m.put("events", p.events().isEmpty() ? "all" : String.join(",", p.events()));
        m.put("out", p.out().toString());
        m.put("http-concurrency", p.httpConcurrency());
        m.put("request-timeout", DurationConverter.format(p.requestTimeout()));
        m.put("connect-concurrency", p.connectConcurrency());
        m.put("message-bytes", p.messageBytes());
        m.put("feed", p.feed().sourceId());
        m.put("server", p.feed().serverId());
        if (p.feed().viaRedis()) {
            m.put("redis", p.feed().redis().toString());
            if (p.feed().server() == FeedParameters.Server.SWITCHBOARD) {
                m.put("channel-prefix", p.feed().channelPrefix());
                m.put("partitions", p.feed().partitions());
            }
        }
        if (p.flood() != null) {
            m.put("flood-chats", p.flood().chats());
            m.put("flood-members", p.flood().members());
            m.put("flood-targets", p.flood().targets());
            m.put("flood-rate", p.flood().rate());
            m.put("flood-bytes", p.flood().bytes());
            m.put("flood-concurrency", p.flood().concurrency());
        }
        return m;
    }

    private static double rate(long count, double seconds) {
        return seconds <= 0 ? 0 : round(count / seconds);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
