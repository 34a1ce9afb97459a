package dev.switchboard.loadgen;

/**
 * Server CPU per delivered frame: the CPU time the local receiver processes used while the run sent and drained
 * (warm-up, measured window and drain), over the frames the clients received in that time.
 *
 * @param receivers     how many of the receivers were found as local processes (the rest are not counted)
 * @param cpuSeconds    their user + system CPU time in that span; null when none was found
 * @param frames        frames the clients received in that span, from every receiver
 * @param microsPerFrame cpuSeconds / frames in microseconds; null without a reading or without frames
 */
public record ReceiverCpu(int receivers, Double cpuSeconds, long frames, Double microsPerFrame, String note) {}
