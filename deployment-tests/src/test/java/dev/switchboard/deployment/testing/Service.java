package dev.switchboard.deployment.testing;

import dev.switchboard.runtime.testing.ReadmeConfigTables;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Switchboard service and the environment variables it reads. Quarkus maps an environment variable FOO_BAR_BAZ
 * to the key foo.bar.baz, so a deployment may set exactly the env form of a key the service knows: the keys of its
 * application.properties (any profile), the keys its README configuration table documents (each service's
 * ConfigurationTableTest keeps that table equal to its {@code @ConfigMapping}s), plus the standard
 * Quarkus/MicroProfile keys it relies on without naming them there, and the image's {@code JAVA_OPTS}. A variable outside that set is a typo or a setting the service silently ignores.
 */
public enum Service {
    SENDER(
            "sender-service",
            Set.of(
                    "QUARKUS_HTTP_PORT",
                    "QUARKUS_REDIS_HOSTS",
                    "QUARKUS_DATASOURCE_REACTIVE_URL",
                    "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUER")),

    RECEIVER(
            "receiver-service",
            Set.of(
                    "QUARKUS_HTTP_PORT",
                    "QUARKUS_REDIS_HOSTS",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUER"));

    /** Read by the images' start script (run-java.sh of the UBI OpenJDK runtime), not by the service. */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS");

    /** Every Quarkus logging key (root level, categories, console JSON format) is a valid setting of either service. */
    private static final String LOGGING_PREFIX = "QUARKUS_LOG_";

    private final String module;
    private final Set<String> standardKeys;
    private Set<String> propertyKeys;

    Service(String module, Set<String> standardKeys) {
        this.module = module;
        this.standardKeys = standardKeys;
    }

    public String module() {
        return module;
    }

    public boolean reads(String envName) {
        return envName.startsWith(LOGGING_PREFIX)
                || IMAGE_VARIABLES.contains(envName)
                || standardKeys.contains(envName)
                || propertyKeysInEnvForm().contains(envName);
    }

    public Path applicationProperties() {
        return Project.path(module + "/src/main/resources/application.properties");
    }

    synchronized Set<String> propertyKeysInEnvForm() {
        if (propertyKeys == null) {
            Path file = applicationProperties();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: cannot tell which settings " + module + " reads");
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<String> keys = new TreeSet<>();
            properties.stringPropertyNames().forEach(key -> keys.add(envForm(key)));
            ReadmeConfigTables.rows(Project.path("README.md"), List.of("Both services", module))
                    .keySet()
                    .forEach(key -> keys.add(envForm(key)));
            propertyKeys = keys;
        }
        return propertyKeys;
    }

    /**
     * The environment variable name of a configuration key, as Quarkus matches it: without a {@code %profile.}
     * prefix, upper case, every character other than a letter or digit replaced by {@code _}.
     */
    public static String envForm(String key) {
        String unprofiled = key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
        StringBuilder env = new StringBuilder(unprofiled.length());
        for (char c : unprofiled.toCharArray()) {
            env.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }
}
