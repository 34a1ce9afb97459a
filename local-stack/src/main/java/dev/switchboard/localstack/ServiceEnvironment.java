package dev.switchboard.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a sender or receiver process is started with. One place, so the local stack and the
 * multi-instance tests configure the services exactly alike.
 */
public final class ServiceEnvironment {

    public static final String ISSUER = "switchboard-dev";
    /** DEV-ONLY: the membership-grant secret the local stack's senders and receivers share (typing). */
    public static final String DEV_GRANTS_SECRET = "DEV-ONLY-switchboard-grants-secret-0123456789";

    private ServiceEnvironment() {}

    public static Map<String, String> sender(
            Infrastructure infra, ProjectLayout layout, ServicePorts ports, String instanceId) {
        Map<String, String> env = common(infra, layout, ports, instanceId);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", infra.reactiveDatabaseUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcDatabaseUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.databaseUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.databasePassword());
        env.put("SWITCHBOARD_DEV_TOKENS_ENABLED", "true");
        env.put(
                "SWITCHBOARD_DEV_TOKENS_SIGNING_KEY_LOCATION",
                layout.devSigningKey().toString());
        return env;
    }

    /**
     * CORS on a sender for the demo app's origin (any host name, the demo's port): browsers may then call the API
     * from the page. Off in production unless configured (see the README's configuration).
     */
    public static Map<String, String> corsFor(int demoPort) {
        return Map.of(
                "QUARKUS_HTTP_CORS_ENABLED", "true", "QUARKUS_HTTP_CORS_ORIGINS", "/https?://[^/:]+:" + demoPort + "/");
    }

    public static Map<String, String> receiver(
            Infrastructure infra, ProjectLayout layout, ServicePorts ports, String instanceId) {
        return common(infra, layout, ports, instanceId);
    }

    private static Map<String, String> common(
            Infrastructure infra, ProjectLayout layout, ServicePorts ports, String instanceId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", ports.host());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("QUARKUS_MANAGEMENT_HOST", ports.host());
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(ports.management()));
        env.putAll(infra.redis().environment());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", layout.devVerifyKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.put("SWITCHBOARD_INSTANCE_ID", instanceId);
        env.put("SWITCHBOARD_GRANTS_SECRET", DEV_GRANTS_SECRET);
        return env;
    }

    public static Path logFile(ProjectLayout layout, String instanceId) {
        return layout.root().resolve("local-stack/target/logs/" + instanceId + ".log");
    }
}
