package dev.switchboard.deployment.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart rendered in-process (helm template) and parsed, with look-ups the tests share. */
public final class RenderedChart {

    public static final Path CHART = Project.path("helm/switchboard");
    public static final Path PRODUCTION_VALUES = Project.path("helm/values-production.yaml");
    public static final String RELEASE = "switchboard";
    public static final String NAMESPACE = "chat";

    final List<JsonNode> documents;

    private RenderedChart(String manifests) {
        this.documents = Yaml.parseAll(manifests);
    }

    /** Renders with the chart's values.yaml, plus an optional values file, plus --set pairs (in that order). */
    public static RenderedChart render(Path valuesFile, Map<String, Object> sets) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new RenderedChart(template.call());
    }

    /**
     * The chart's own values, plus what a throwaway test cluster adds to them: the published DEV-ONLY key (the
     * chart refuses to render without a key otherwise), and any further --set pairs.
     */
    public static RenderedChart testCluster(Map<String, Object> sets) {
        Map<String, Object> all = new LinkedHashMap<>(sets);
        all.putIfAbsent("auth.allowDevKeys", "true");
        return render(null, all);
    }

    public static RenderedChart production() {
        return render(PRODUCTION_VALUES, Map.of());
    }

    public List<JsonNode> all(String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }

    public Optional<JsonNode> find(String kind, String name) {
        return all(kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst();
    }

    public JsonNode get(String kind, String name) {
        return find(kind, name)
                .orElseGet(() -> fail("no " + kind + " " + name + " among "
                        + documents.stream()
                                .map(d -> d.path("kind").asText() + "/"
                                        + d.path("metadata").path("name").asText())
                                .toList()));
    }

    /** Workloads (Deployment, StatefulSet) whose component label is the given one. */
    public List<JsonNode> workloads(String component) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText();
            if ((kind.equals("Deployment") || kind.equals("StatefulSet"))
                    && component.equals(doc.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/component")
                            .asText())) {
                result.add(doc);
            }
        }
        return result;
    }

    public JsonNode deployment(String component) {
        return get("Deployment", RELEASE + "-" + component);
    }

    public static JsonNode container(JsonNode workload) {
        JsonNode containers =
                workload.path("spec").path("template").path("spec").path("containers");
        assertEquals(
                1,
                containers.size(),
                "one container in " + workload.path("metadata").path("name").asText());
        return containers.get(0);
    }

    /**
     * The environment a workload's container starts with: env entries (value or valueFrom, shown as
     * "&lt;from ...&gt;") and the data keys of the ConfigMaps it takes with envFrom. Later entries win, as in Kubernetes.
     */
    public Map<String, String> environment(JsonNode workload) {
        JsonNode container = container(workload);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            assertTrue(from.has("configMapRef"), "envFrom only from ConfigMaps: " + from);
            JsonNode configMap =
                    get("ConfigMap", from.path("configMapRef").path("name").asText());
            configMap
                    .path("data")
                    .fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode entry : container.path("env")) {
            env.put(
                    entry.path("name").asText(),
                    entry.has("value")
                            ? entry.path("value").asText()
                            : "<from " + entry.path("valueFrom").fieldNames().next() + ">");
        }
        return env;
    }
}
