package dev.switchboard.deployment.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML as Jackson trees. SnakeYAML does the parsing because it resolves anchors, aliases and merge keys
 * ({@code <<: *sender}) the way docker compose does; Jackson's own YAML parser leaves them unresolved.
 */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Yaml() {}

    public static JsonNode read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static JsonNode parse(String yaml) {
        return MAPPER.valueToTree(snakeYaml().load(yaml));
    }

    /** Every non-empty document of a multi-document stream (helm template output). */
    public static List<JsonNode> parseAll(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : snakeYaml().loadAll(yaml)) {
            JsonNode node = MAPPER.valueToTree(document);
            if (node != null && node.isObject() && !node.isEmpty()) {
                documents.add(node);
            }
        }
        return documents;
    }

    private static org.yaml.snakeyaml.Yaml snakeYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }
}
