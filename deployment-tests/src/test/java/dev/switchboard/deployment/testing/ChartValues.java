package dev.switchboard.deployment.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** The values a render used: the chart's values.yaml with a values file merged over it, as Helm merges them. */
public final class ChartValues {

    private ChartValues() {}

    public static JsonNode defaults() {
        return Yaml.read(RenderedChart.CHART.resolve("values.yaml"));
    }

    public static JsonNode with(Path valuesFile) {
        return merge(defaults().deepCopy(), Yaml.read(valuesFile));
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override;
        }
        override.fields()
                .forEachRemaining(e -> target.set(
                        e.getKey(),
                        target.has(e.getKey()) ? merge(target.get(e.getKey()), e.getValue()) : e.getValue()));
        return target;
    }
}
