package dev.switchboard.loadgen;

import java.util.OptionalLong;

/** Just enough of the Prometheus text format to add up one metric's samples. */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * Sum of the samples of {@code metric} whose label set contains {@code labelFilter} (null for all), or empty
     * when there is none.
     */
    static OptionalLong sum(String text, String metric, String labelFilter) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int end = rest.indexOf('}');
                if (end < 0) {
                    continue;
                }
                labels = rest.substring(0, end + 1);
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // a longer metric name sharing the prefix
            }
            if (labelFilter != null && !labels.contains(labelFilter)) {
                continue;
            }
            String[] parts = rest.trim().split("\\s+");
            try {
                total += Double.parseDouble(parts[0]);
                found = true;
            } catch (NumberFormatException e) {
                // NaN-like or malformed sample: skip it
            }
        }
        return found ? OptionalLong.of(Math.round(total)) : OptionalLong.empty();
    }
}
