package dev.switchboard.loadgen;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Memory of one receiver before the idle connections opened and while they were held (idle workload). Sizes in
 * bytes, null where the source does not tell.
 *
 * @param source {@code metrics} (its {@code /q/metrics}), {@code proc} (the local process found by its listening
 *               port) or {@code none}
 * @param note   how to look by hand when nothing could be read
 */
public record ReceiverMemory(
        String receiver,
        long connections,
        String source,
        Long pid,
        Long heapUsedBefore,
        Long heapUsedAfter,
        Long rssBefore,
        Long rssAfter,
        String note) {

    /** Heap growth per held connection: a rough figure, since nothing forces a GC before the reads. */
    @JsonProperty
    public Long heapBytesPerConnection() {
        return perConnection(heapUsedBefore, heapUsedAfter);
    }

    @JsonProperty
    public Long rssBytesPerConnection() {
        return perConnection(rssBefore, rssAfter);
    }

    private Long perConnection(Long before, Long after) {
        return before == null || after == null || connections == 0 ? null : (after - before) / connections;
    }
}
