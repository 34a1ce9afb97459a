package dev.switchboard.loadgen;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the CPU time of receivers running on this machine (Linux {@code /proc/<pid>/stat}, the process found by its
 * listening port), at the start and the end of the sending phase. Receivers elsewhere are left out and said so.
 */
final class ReceiverCpuProbe {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    /** The CPU ticks of each local receiver at one moment. */
    record Reading(List<Long> pids, List<Long> ticks, long frames) {}

    private ReceiverCpuProbe() {}

    static Reading read(List<URI> receivers, long framesSoFar) {
        List<Long> pids = new ArrayList<>();
        List<Long> ticks = new ArrayList<>();
        for (URI receiver : receivers) {
            OptionalLong pid = ReceiverMemoryProbe.listeningPid(ReceiverMemoryProbe.port(receiver));
            if (pid.isPresent() && !pids.contains(pid.getAsLong())) {
                OptionalLong cpu = cpuTicks(pid.getAsLong());
                if (cpu.isPresent()) {
                    pids.add(pid.getAsLong());
                    ticks.add(cpu.getAsLong());
                }
            }
        }
        return new Reading(pids, ticks, framesSoFar);
    }

    static ReceiverCpu between(Reading start, Reading end) {
        long frames = end.frames() - start.frames();
        if (start.pids().isEmpty()) {
            return new ReceiverCpu(0, null, frames, null, "no receiver runs on this machine: no CPU reading");
        }
        long ticks = 0;
        int counted = 0;
        for (int i = 0; i < start.pids().size(); i++) {
            int at = end.pids().indexOf(start.pids().get(i));
            if (at >= 0) {
                ticks += end.ticks().get(at) - start.ticks().get(i);
                counted++;
            }
        }
        double seconds = ticks / TICKS_PER_SECOND;
        Double perFrame = frames == 0 ? null : Math.round(seconds * 1e6 / frames * 100) / 100.0;
        return new ReceiverCpu(counted, Math.round(seconds * 100) / 100.0, frames, perFrame, "pids " + start.pids());
    }

    /** utime + stime (fields 14 and 15) of /proc/<pid>/stat, in ticks. */
    static OptionalLong cpuTicks(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The command name (field 2) may hold spaces and parentheses: the fields are counted after its last ')'. */
    static OptionalLong parseStat(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(end + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
