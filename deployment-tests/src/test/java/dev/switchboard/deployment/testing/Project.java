package dev.switchboard.deployment.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout under test, found from the working directory upwards (Maven runs tests in deployment-tests/). */
public final class Project {

    public static final Path ROOT = findRoot();

    private Project() {}

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw"))
                    && Files.isDirectory(dir.resolve("sender-service"))
                    && Files.isDirectory(dir.resolve("receiver-service"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no Switchboard checkout (mvnw, sender-service/, receiver-service/) above "
                + Path.of("").toAbsolutePath());
    }
}
