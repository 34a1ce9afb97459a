package dev.switchboard.receiver.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One read of /q/metrics (Prometheus text format), with lookups by series name and labels. */
public final class MetricsScrape {

    private final List<String> lines;

    private MetricsScrape(String text) {
        this.lines = text.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .toList();
    }

    public static MetricsScrape now() {
        return new MetricsScrape(Management.given()
                .accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** Whether some series has exactly this name. */
    public boolean has(String name) {
        return lines.stream().anyMatch(line -> nameOf(line).equals(name));
    }

    /**
     * The value of the series with this name whose labels include every {@code key="value"} given; fails when there
     * is none or more than one.
     */
    public double value(String name, String... labels) {
        List<String> matching = new ArrayList<>();
        for (String line : lines) {
            if (nameOf(line).equals(name) && Arrays.stream(labels).allMatch(line::contains)) {
                matching.add(line);
            }
        }
        if (matching.size() != 1) {
            throw new AssertionError("expected one series " + name + Arrays.toString(labels) + ", found " + matching);
        }
        String line = matching.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String nameOf(String line) {
        int end = line.indexOf('{');
        return end >= 0 ? line.substring(0, end) : line.substring(0, line.indexOf(' '));
    }
}
