package dev.switchboard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.deployment.testing.ChartValues;
import dev.switchboard.deployment.testing.Project;
import dev.switchboard.deployment.testing.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** helm/switchboard/README.md documents every value with its real default; the chart's dev keys are the repository's. */
class ChartDocumentationTest {

    /** A row of the values table: | `key` | `default` | description |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9.]+)` \\| `(.*?)` \\| (.+) \\|$");

    @Test
    void readmeDocumentsEveryValueWithItsDefault() throws IOException {
        Map<String, String> rows = readmeRows();
        JsonNode values = ChartValues.defaults();
        List<String> problems = new ArrayList<>();
        collectLeaves(values, "", problems, rows);
        rows.keySet().stream()
                .filter(key -> values.at("/" + key.replace('.', '/')).isMissingNode())
                .forEach(key -> problems.add("README documents " + key + ", which values.yaml does not have"));
        assertEquals(List.of(), problems);
    }

    @Test
    void chartDevKeysAreTheRepositorysDevKeys() throws IOException {
        for (String key : List.of("DEV-ONLY-jwt-verify-key.pem", "DEV-ONLY-jwt-signing-key.pem")) {
            assertEquals(
                    Files.readString(Project.path("dev-keys/" + key)),
                    Files.readString(RenderedChart.CHART.resolve("files/" + key)),
                    "helm/switchboard/files/" + key);
        }
    }

    /** Each leaf value must have a row of its own or sit under a documented map; scalar defaults must match. */
    private static void collectLeaves(JsonNode node, String path, List<String> problems, Map<String, String> rows) {
        if (rows.containsKey(path)) {
            if (node.isValueNode() || node.isEmpty()) {
                String expected = node.isTextual()
                        ? "\"" + node.asText() + "\""
                        : node.isValueNode() ? node.asText() : node.isArray() ? "[]" : "{}";
                if (!expected.equals(rows.get(path))) {
                    problems.add(path + ": README says default " + rows.get(path) + ", values.yaml has " + expected);
                }
            }
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            node.fields()
                    .forEachRemaining(e -> collectLeaves(
                            e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), problems, rows));
        } else {
            problems.add("README has no row for " + path);
        }
    }

    private static Map<String, String> readmeRows() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RenderedChart.CHART.resolve("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertTrue(rows.put(row.group(1), row.group(2)) == null, "one README row per value: " + row.group(1));
            }
        }
        assertTrue(rows.size() > 50, "the README has a values table");
        return rows;
    }
}
