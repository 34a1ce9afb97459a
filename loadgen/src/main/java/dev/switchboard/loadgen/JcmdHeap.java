package dev.switchboard.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A local JVM's live heap through the JDK's {@code jcmd}: a full GC, then the heap summary. */
final class JcmdHeap {

    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

    private JcmdHeap() {}

    static OptionalLong liveHeapBytes(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return OptionalLong.empty();
        }
        if (run(jcmd, pid, "GC.run") == null) {
            return OptionalLong.empty();
        }
        String info = run(jcmd, pid, "GC.heap_info");
        return info == null ? OptionalLong.empty() : parseHeapInfo(info);
    }

    /**
     * Sums {@code used} over the heap's top-level lines ({@code garbage-first heap ...}, or the young and old
     * generations of the serial and parallel collectors, or ZGC's {@code ZHeap}); indented region and space
     * lines repeat those figures, and metaspace is not heap.
     */
    static OptionalLong parseHeapInfo(String info) {
        long total = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String trimmed = line.strip();
            if (indent > 1 || trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
                continue;
            }
            Matcher m = USED.matcher(trimmed);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                total += switch (m.group(2)) {
                    case "G" -> value << 30;
                    case "M" -> value << 20;
                    default -> value << 10;
                };
                found = true;
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private static String run(Path jcmd, long pid, String command) {
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
