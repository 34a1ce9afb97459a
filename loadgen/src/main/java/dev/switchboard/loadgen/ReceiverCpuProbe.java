package dev.switchboard.loadgen;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the CPU time of receivers running on this machine (Linux {@code /proc/<pid>/stat}, the process found by its
 * listening port), at the start and the end of the sending phase. Receivers elsewhere are left out and said so.
 */
final class ReceiverCpuProbe {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    /** CPU time in ticks, in user space and in the kernel. */
    record Ticks(long user, long system) {
        long total() {
            return user + system;
        }
    }

    /** The CPU ticks of each local receiver, and of the generator itself, at one moment. */
    record Reading(List<Long> pids, List<Ticks> ticks, long frames, Ticks generator) {}

    private ReceiverCpuProbe() {}

    static Reading read(List<URI> receivers, long framesSoFar) {
        List<Long> pids = new ArrayList<>();
        List<Ticks> ticks = new ArrayList<>();
        for (URI receiver : receivers) {
            OptionalLong pid = ReceiverMemoryProbe.listeningPid(ReceiverMemoryProbe.port(receiver));
            if (pid.isPresent() && !pids.contains(pid.getAsLong())) {
                Optional<Ticks> cpu = cpuTicks(pid.getAsLong());
                if (cpu.isPresent()) {
                    pids.add(pid.getAsLong());
                    ticks.add(cpu.get());
                }
            }
        }
        return new Reading(
                pids,
                ticks,
                framesSoFar,
                cpuTicks(ProcessHandle.current().pid()).orElse(null));
    }

    static ReceiverCpu between(Reading start, Reading end) {
        long frames = end.frames() - start.frames();
        if (start.pids().isEmpty()) {
            return new ReceiverCpu(0, null, null, frames, null, "no receiver runs on this machine: no CPU reading");
        }
        long ticks = 0;
        long systemTicks = 0;
        int counted = 0;
        for (int i = 0; i < start.pids().size(); i++) {
            int at = end.pids().indexOf(start.pids().get(i));
            if (at >= 0) {
                ticks += end.ticks().get(at).total() - start.ticks().get(i).total();
                systemTicks +=
                        end.ticks().get(at).system() - start.ticks().get(i).system();
                counted++;
            }
        }
        double seconds = ticks / TICKS_PER_SECOND;
        Double perFrame = frames == 0 ? null : Math.round(seconds * 1e6 / frames * 100) / 100.0;
        String generator = start.generator() == null || end.generator() == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; the generator itself used %.2f s",
                        (end.generator().total() - start.generator().total()) / TICKS_PER_SECOND);
        return new ReceiverCpu(
                counted,
                Math.round(seconds * 100) / 100.0,
                Math.round(systemTicks / TICKS_PER_SECOND * 100) / 100.0,
                frames,
                perFrame,
                "pids " + start.pids() + generator);
    }

    /** utime and stime (fields 14 and 15) of /proc/<pid>/stat, in ticks. */
    static Optional<Ticks> cpuTicks(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The command name (field 2) may hold spaces and parentheses: the fields are counted after its last ')'. */
    static Optional<Ticks> parseStat(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        if (fields.length < 13) {
            return Optional.empty();
        }
        return Optional.of(new Ticks(Long.parseLong(fields[11]), Long.parseLong(fields[12])));
    }
}
