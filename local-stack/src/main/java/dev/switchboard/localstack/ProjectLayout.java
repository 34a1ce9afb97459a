package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the checkout (from the working directory upwards) and the packaged apps and dev keys inside it. */
public record ProjectLayout(Path root) {

    public static ProjectLayout find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("dev-keys")) && Files.isDirectory(dir.resolve("sender-service"))) {
                return new ProjectLayout(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "run from inside the Switchboard checkout: no dev-keys/ and sender-service/ found above "
                        + Path.of("").toAbsolutePath());
    }

    public Path senderApp() {
        return app("sender-service");
    }

    public Path receiverApp() {
        return app("receiver-service");
    }

    public Path devSigningKey() {
        return root.resolve("dev-keys/DEV-ONLY-jwt-signing-key.pem");
    }

    public Path devVerifyKey() {
        return root.resolve("dev-keys/DEV-ONLY-jwt-verify-key.pem");
    }

    /**
     * The JVM flags the receiver image ships (receiver-service/src/main/docker/jvm-options), so that what is measured
     * on the local stack is what runs in a container.
     */
    public List<String> receiverJvmOptions() {
        Path file = root.resolve("receiver-service/src/main/docker/jvm-options");
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the receiver's JVM flags from " + file, e);
        }
    }

    /** The built demo chat app (clients/demo/dist), when there is one. */
    public java.util.Optional<Path> demoApp() {
        Path dist = root.resolve("clients/demo/dist");
        return Files.isRegularFile(dist.resolve("index.html"))
                ? java.util.Optional.of(dist)
                : java.util.Optional.empty();
    }

    private Path app(String module) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        return jar;
    }
}
