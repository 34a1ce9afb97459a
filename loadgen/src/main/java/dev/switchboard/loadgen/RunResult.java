package dev.switchboard.loadgen;

import java.util.List;
import java.util.Map;

/** Everything a run measured, as written to {@code result.json} and shown in the report. */
public record RunResult(
        String tool,
        String runId,
        String startedAt,
        String finishedAt,
        String verdict,
        List<String> problems,
        Map<String, Object> parameters,
        Setup setup,
        Sending sending,
        DeliveryCounts delivery,
        double deliveredPerSecond,
        LatencySummary deliveryLatencyMicros,
        LatencySummary sendLatencyMicros,
        FleetStats connections,
        List<ReceiverMemory> receiverMemory,
        ReceiverCpu receiverCpu,
        Flood.Outcome flood) {

    /** How the run was prepared. */
    public record Setup(
            String tokenSource,
            double tokenSeconds,
            double connectSeconds,
            double chatSeconds,
            int chats,
            double deliveriesPerMessage,
            Map<String, Long> connectionsPerReceiver) {}

    /**
     * The send side. Rates are over the measured window (after the warm-up), counts over the whole run.
     *
     * @param due                messages the schedule called for
     * @param skipped            due while {@code --http-concurrency} sends were in flight: not sent
     * @param achievedPerSecond  sends started per second in the measured window
     * @param acknowledgedPerSecond 2xx answers per second for messages of the measured window
     */
    public record Sending(
            long due,
            long sent,
            long skipped,
            long http2xx,
            long httpNon2xx,
            Map<String, Long> non2xxByStatus,
            long httpErrors,
            Map<String, Long> errorsByKind,
            double measuredSeconds,
            double offeredPerSecond,
            double achievedPerSecond,
            double acknowledgedPerSecond) {}
}
