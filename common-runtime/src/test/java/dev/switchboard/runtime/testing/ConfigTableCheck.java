package dev.switchboard.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a service's README configuration tables equal to what the service declares (see {@link DeclaredConfig}):
 * every {@code switchboard.*} key it reads is documented with the default it really has, and every key the tables
 * document for it is one it declares. One failure lists every difference.
 */
public final class ConfigTableCheck {

    private ConfigTableCheck() {}

    /**
     * @param rootPackage           the service's base package, whose mappings are scanned
     * @param applicationProperties the service's src/main/resources/application.properties
     * @param readme                the README
     * @param tables                the headings of the tables that document this service
     */
    public static void assertTablesMatch(
            String rootPackage, Path applicationProperties, Path readme, List<String> tables) {
        Map<String, DeclaredConfig.Key> mapped = DeclaredConfig.mappings(rootPackage);
        Map<String, DeclaredConfig.Key> properties = DeclaredConfig.properties(applicationProperties);
        Map<String, ReadmeConfigTables.Row> documented = ReadmeConfigTables.rows(readme, tables);
        List<String> problems = new ArrayList<>();
        for (DeclaredConfig.Key key : mapped.values()) {
            if (!key.name().startsWith("switchboard.")) {
                continue; // Quarkus' and smallrye-jwt's own keys are documented where they matter, not all of them
            }
            ReadmeConfigTables.Row row = documented.get(key.name());
            if (row == null) {
                problems.add(key.name() + " (" + key.declaredBy() + ") is not in the README's tables " + tables);
            } else if (key.defaultValue() != null
                    && !ReadmeConfigTables.states(row.defaultCell(), key.defaultValue())) {
                problems.add(key.name() + " defaults to " + key.defaultValue() + " but the README says: "
                        + row.defaultCell());
            }
        }
        for (ReadmeConfigTables.Row row : documented.values()) {
            DeclaredConfig.Key declared =
                    mapped.containsKey(row.key()) ? mapped.get(row.key()) : properties.get(row.key());
            if (declared == null) {
                problems.add("the README's " + row.table() + " table documents " + row.key()
                        + ", which this service does not declare (no mapping reads it, application.properties does"
                        + " not name it)");
            } else if (!mapped.containsKey(row.key())
                    && declared.defaultValue() != null
                    && !declared.defaultValue().contains("${")
                    && !ReadmeConfigTables.states(row.defaultCell(), declared.defaultValue())) {
                problems.add(row.key() + " is " + declared.defaultValue() + " in application.properties but the README"
                        + " says: " + row.defaultCell());
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }
}
