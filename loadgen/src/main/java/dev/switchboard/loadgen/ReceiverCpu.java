package dev.switchboard.loadgen;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Server CPU per delivered frame: the CPU time the local receiver processes used while the run sent and drained
 * (warm-up, measured window and drain), over the frames the clients received in that time.
 *
 * @param receivers     how many of the receivers were found as local processes (the rest are not counted)
 * @param cpuSeconds    their user + system CPU time in that span; null when none was found
 * @param systemSeconds the system (kernel) part of it: socket writes, and on loopback the receiving clients' TCP
 *                      work too; null when none was found
 * @param frames        frames the clients received in that span, from every receiver
 * @param microsPerFrame cpuSeconds / frames in microseconds; null without a reading or without frames
 */
public record ReceiverCpu(
        int receivers, Double cpuSeconds, Double systemSeconds, long frames, Double microsPerFrame, String note) {

    /** The kernel's part of {@link #microsPerFrame}; null without a reading or without frames. */
    @JsonProperty("systemMicrosPerFrame")
    public Double systemMicrosPerFrame() {
        return systemSeconds == null || frames == 0 ? null : Math.round(systemSeconds * 1e6 / frames * 100) / 100.0;
    }
}
