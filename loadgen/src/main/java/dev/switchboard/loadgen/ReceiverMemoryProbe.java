package dev.switchboard.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads a receiver's memory for the idle workload. For a receiver on this machine, the process listening on its port
 * (Linux {@code /proc}): its live heap from {@code jcmd <pid> GC.run} then {@code GC.heap_info} (a full GC first,
 * because heap-used figures that include garbage say nothing about the cost of a connection), then its resident
 * size (after that GC, so the collector has given back what its free-ratio settings let it). Otherwise its
 * Prometheus {@code /q/metrics} (on its management port: the {@code /ws} port plus an offset:
 * {@code jvm_memory_used_bytes{area="heap"}}, {@code process_resident_memory_bytes}); otherwise a hint on how to
 * look by hand. Off the hot path, so blocking calls are fine.
 */
public final class ReceiverMemoryProbe {

    /** One reading. */
    public record Sample(String source, Long pid, Long heapUsed, Long rss) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final int managementPortOffset;

    /** @param managementPortOffset the management port minus the {@code /ws} port (1000 in the local stack) */
    public ReceiverMemoryProbe(int managementPortOffset) {
        this.managementPortOffset = managementPortOffset;
    }

    public Sample sample(URI receiver) {
        if (isLocal(receiver)) {
            OptionalLong pid = listeningPid(port(receiver));
            // A receiver inside this JVM (the generator's own tests) is not measured through /proc: its figures
            // would be the generator's.
            if (pid.isPresent() && pid.getAsLong() != ProcessHandle.current().pid()) {
                Long heap = boxed(JcmdHeap.liveHeapBytes(pid.getAsLong()));
                return new Sample("proc", pid.getAsLong(), heap, boxed(rssBytes(pid.getAsLong())));
            }
        }
        return fromMetrics(receiver).orElseGet(() -> new Sample("none", null, null, null));
    }

    /** Combines a reading before and one after into the report's line. */
    public static ReceiverMemory compare(URI receiver, long connections, Sample before, Sample after) {
        String note = null;
        if ("none".equals(after.source())) {
            note = "no /q/metrics and not a local process: find its pid (ss -ltnp 'sport = :" + port(receiver)
                    + "') and read 'jcmd <pid> GC.heap_info' or VmRSS in /proc/<pid>/status";
        } else if ("proc".equals(after.source()) && after.heapUsed() == null) {
            note = "resident set size only (jcmd could not attach); try 'jcmd " + after.pid() + " GC.heap_info'";
        } else if ("proc".equals(after.source())) {
            note = "live heap after a full GC (jcmd GC.run)";
        }
        return new ReceiverMemory(
                receiver.toString(),
                connections,
                after.source(),
                after.pid(),
                before.heapUsed(),
                after.heapUsed(),
                before.rss(),
                after.rss(),
                note);
    }

    private Optional<Sample> fromMetrics(URI receiver) {
        URI metrics = metricsUri(receiver, managementPortOffset);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(metrics)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            OptionalLong heap = PrometheusText.sum(response.body(), "jvm_memory_used_bytes", "area=\"heap\"");
            OptionalLong rss = PrometheusText.sum(response.body(), "process_resident_memory_bytes", null);
            if (heap.isEmpty() && rss.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Sample("metrics", null, boxed(heap), boxed(rss)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code ws://host:port/ws} to {@code http://host:(port + offset)/q/metrics}. */
    static URI metricsUri(URI receiver, int managementPortOffset) {
        String scheme = "wss".equalsIgnoreCase(receiver.getScheme()) ? "https" : "http";
        return URI.create(
                scheme + "://" + receiver.getHost() + ":" + (port(receiver) + managementPortOffset) + "/q/metrics");
    }

    static int port(URI receiver) {
        if (receiver.getPort() > 0) {
            return receiver.getPort();
        }
        return "wss".equalsIgnoreCase(receiver.getScheme()) ? 443 : 80;
    }

    private static boolean isLocal(URI receiver) {
        try {
            InetAddress address = InetAddress.getByName(receiver.getHost());
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid owning the socket listening on {@code port}, from /proc/net/tcp{,6} and /proc/<pid>/fd. */
    static OptionalLong listeningPid(int port) {
        Optional<String> inode = Stream.of("/proc/net/tcp", "/proc/net/tcp6")
                .flatMap(table -> listeningInode(Path.of(table), port).stream())
                .findFirst();
        if (inode.isEmpty()) {
            return OptionalLong.empty();
        }
        String target = "socket:[" + inode.get() + "]";
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> ownsSocket(p, target))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static Optional<String> listeningInode(Path table, int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A = LISTEN
                if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3]) && !"0".equals(f[9])) {
                    return Optional.of(f[9]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through to the hint
        }
        return Optional.empty();
    }

    private static boolean ownsSocket(Path process, String target) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(target);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or gone
        }
    }

    static OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(f[1]) * 1024); // reported in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
