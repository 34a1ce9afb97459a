package dev.switchboard.receiver.docs;

import dev.switchboard.runtime.testing.ConfigTableCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration tables list every key the receiver declares, with its real default, and no other. */
class ConfigurationTableTest {

    @Test
    void theReadmeTablesMatchTheDeclaredKeys() {
        ConfigTableCheck.assertTablesMatch(
                "dev.switchboard.receiver",
                Path.of("src/main/resources/application.properties"),
                Path.of("../README.md"),
                List.of("Both services", "receiver-service"));
    }
}
