package dev.switchboard.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @Test
    void receiversGetTheImageFlagsWithoutItsComments(@TempDir Path root) throws IOException {
        Path options = root.resolve("receiver-service/src/main/docker/jvm-options");
        Files.createDirectories(options.getParent());
        Files.writeString(options, "# why\n-XX:+UseG1GC\n\n  -Xmx2g  \n");
        assertEquals(List.of("-XX:+UseG1GC", "-Xmx2g"), new ProjectLayout(root).receiverJvmOptions());
    }

    @Test
    void theCheckoutShipsAHeapLimit() {
        assertTrue(ProjectLayout.find().receiverJvmOptions().stream().anyMatch(flag -> flag.startsWith("-Xmx")));
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path root) {
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> new ProjectLayout(root).receiverJvmOptions());
        assertTrue(e.getMessage().contains("jvm-options"), e.getMessage());
    }
}
