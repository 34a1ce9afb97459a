package dev.switchboard.sender.testing;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prometheus text at /q/metrics, and single sample values from it. */
public final class Metrics {

    private Metrics() {}

    public static String scrape() {
        return Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /**
     * The value of the sample with this name whose labels include every one given (other labels may be present);
     * 0 when there is none.
     */
    public static double value(String text, String name, Map<String, String> labels) {
        // Label values may hold braces themselves (uri="/api/v1/chats/{chatId}"): skip quoted strings whole.
        Pattern line = Pattern.compile(
                "^" + Pattern.quote(name) + "(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})? ([-0-9.eE+NaInf]+)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            String labelText = m.group(1) == null ? "" : m.group(1);
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    public static double value(String name, Map<String, String> labels) {
        return value(scrape(), name, labels);
    }
}
