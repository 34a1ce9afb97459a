package dev.switchboard.loadgen;

import java.util.Map;

/**
 * What the connections saw besides {@code messageAdded}.
 *
 * @param unexpectedCloses connections the server closed during the run, by close code (1001 going away,
 *                         1013 slow consumer, ...)
 */
public record FleetStats(
        int connections,
        long open,
        long frames,
        long otherEvents,
        long resyncs,
        long errorFrames,
        Map<String, Long> unexpectedCloses) {

    public long unexpectedCloseCount() {
        return unexpectedCloses.values().stream().mapToLong(Long::longValue).sum();
    }
}
