package dev.switchboard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.deployment.testing.Project;
import dev.switchboard.deployment.testing.Service;
import dev.switchboard.deployment.testing.Yaml;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: the services, ports, health checks and environment the contract and the services expect. */
class ComposeFileTest {

    private static final JsonNode SERVICES =
            Yaml.read(Project.path("docker-compose.yml")).path("services");

    private static final Map<String, Service> APP_SERVICES = Map.of(
            "sender-1",
            Service.SENDER,
            "sender-2",
            Service.SENDER,
            "receiver-1",
            Service.RECEIVER,
            "receiver-2",
            Service.RECEIVER);

    private static final String LOAD_BALANCER = "load-balancer";

    @Test
    void runsInfrastructureTwoSendersTwoReceiversAndALoadBalancer() {
        Set<String> names = new TreeSet<>();
        SERVICES.fieldNames().forEachRemaining(name -> {
            if (SERVICES.path(name).path("profiles").isMissingNode()) {
                names.add(name);
            }
        });
        assertEquals(
                new TreeSet<>(List.of(
                        "redis", "postgres", "sender-1", "sender-2", "receiver-1", "receiver-2", LOAD_BALANCER)),
                names);
        assertTrue(SERVICES.path(LOAD_BALANCER).path("image").asText().startsWith("nginx"));
    }

    @Test
    void theClusterProfileJoinsSixRedisNodesAndItsEnvFilePointsTheServicesAtThem() throws Exception {
        Set<String> cluster = new TreeSet<>();
        SERVICES.fieldNames().forEachRemaining(name -> {
            if (SERVICES.path(name).path("profiles").toString().contains("cluster")) {
                cluster.add(name);
            }
        });
        Set<String> expected = new TreeSet<>(List.of("redis-cluster-init"));
        for (int i = 1; i <= 6; i++) {
            expected.add("redis-node-" + i);
            assertTrue(
                    SERVICES.path("redis-node-" + i).path("command").toString().contains("--cluster-enabled yes"),
                    "redis-node-" + i + " runs in cluster mode");
        }
        assertEquals(expected, cluster);
        assertTrue(
                SERVICES.path("redis-cluster-init").path("command").toString().contains("--cluster-replicas 1"));

        java.util.Properties env = new java.util.Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(Project.path("compose-cluster.env"))) {
            env.load(reader);
        }
        assertEquals("cluster", env.getProperty("SWITCHBOARD_COMPOSE_REDIS_MODE"));
        assertEquals("cluster", env.getProperty("SWITCHBOARD_COMPOSE_REDIS_CLIENT_TYPE"));
        for (int i = 1; i <= 6; i++) {
            assertTrue(
                    env.getProperty("SWITCHBOARD_COMPOSE_REDIS_HOSTS").contains("redis://redis-node-" + i + ":6379"));
        }
        for (String service : APP_SERVICES.keySet()) {
            Map<String, String> serviceEnv = environment(service);
            assertEquals("${SWITCHBOARD_COMPOSE_REDIS_MODE:-standalone}", serviceEnv.get("SWITCHBOARD_REDIS_MODE"));
            assertEquals(
                    "${SWITCHBOARD_COMPOSE_REDIS_CLIENT_TYPE:-standalone}",
                    serviceEnv.get("QUARKUS_REDIS_CLIENT_TYPE"));
        }
    }

    @Test
    void publishesTheContractPorts() {
        Map<String, String> expected = Map.of(
                "sender-1",
                "8081",
                "sender-2",
                "8082",
                "receiver-1",
                "8091",
                "receiver-2",
                "8092",
                LOAD_BALANCER,
                "8080");
        expected.forEach((service, hostPort) -> assertTrue(
                publishedHostPorts(service).contains(hostPort),
                service + " publishes " + hostPort + ", not only " + publishedHostPorts(service)));
    }

    @Test
    void containerPortsMatchTheConfiguredHttpAndManagementPorts() {
        APP_SERVICES.keySet().forEach(service -> {
            String httpPort = environment(service).get("QUARKUS_HTTP_PORT");
            String managementPort = environment(service).get("QUARKUS_MANAGEMENT_PORT");
            Set<String> mapped = new TreeSet<>();
            for (JsonNode port : SERVICES.path(service).path("ports")) {
                String[] parts = port.asText().split(":");
                mapped.add(parts[parts.length - 1]);
            }
            assertEquals(
                    new TreeSet<>(List.of(httpPort, managementPort)),
                    mapped,
                    service + " maps host ports to its HTTP and management ports");
            assertTrue(
                    healthTest(service).contains("/dev/tcp/127.0.0.1/" + managementPort + " "),
                    service + " health check probes its management port");
        });
    }

    @Test
    void everyPublishedPortIsBoundToLoopback() {
        // Fail-closed: the dev stack (dev tokens on) is not reachable from other machines unless edited to be.
        SERVICES.fields().forEachRemaining(service -> {
            for (JsonNode port : service.getValue().path("ports")) {
                assertTrue(port.asText().startsWith("127.0.0.1:"), service.getKey() + " publishes " + port.asText());
            }
        });
    }

    @Test
    void everyServiceHasAHealthCheck() {
        SERVICES.fields()
                .forEachRemaining(service -> assertTrue(
                        service.getValue().path("healthcheck").path("test").size() > 0,
                        service.getKey() + " has a healthcheck"));
    }

    @Test
    void appServicesProbeReadinessWithToolsTheJvmImageHas() {
        APP_SERVICES.keySet().forEach(service -> {
            String test = healthTest(service);
            assertTrue(test.contains("/q/health/ready"), service + " health check asks /q/health/ready");
            assertTrue(test.startsWith("CMD bash"), service + " health check needs only bash: " + test);
        });
    }

    @Test
    void sendersWaitForHealthyRedisAndPostgres() {
        for (String sender : List.of("sender-1", "sender-2")) {
            assertDependsOnHealthy(sender, "redis");
            assertDependsOnHealthy(sender, "postgres");
        }
        for (String receiver : List.of("receiver-1", "receiver-2")) {
            assertDependsOnHealthy(receiver, "redis");
        }
        APP_SERVICES.keySet().forEach(service -> assertDependsOnHealthy(LOAD_BALANCER, service));
    }

    @Test
    void appServicesSetOnlyVariablesTheServiceReads() {
        List<String> unknown = new ArrayList<>();
        APP_SERVICES.forEach((name, service) -> environment(name).keySet().stream()
                .filter(env -> !service.reads(env))
                .forEach(env -> unknown.add(name + ": " + env)));
        assertEquals(
                List.of(),
                unknown,
                "variables no key of the service's application.properties (nor a standard "
                        + "Quarkus/MicroProfile key) matches");
    }

    @Test
    void everyAppServiceSetsItsEssentials() {
        APP_SERVICES.forEach((name, service) -> {
            Map<String, String> env = environment(name);
            for (String required : List.of(
                    "QUARKUS_HTTP_PORT",
                    "QUARKUS_REDIS_HOSTS",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUER")) {
                assertTrue(env.containsKey(required), name + " sets " + required);
            }
            assertEquals(name, env.get("SWITCHBOARD_INSTANCE_ID"), name + " is known by its service name");
            if (service == Service.SENDER) {
                for (String required : List.of(
                        "QUARKUS_DATASOURCE_REACTIVE_URL",
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD")) {
                    assertTrue(env.containsKey(required), name + " sets " + required);
                }
            }
        });
    }

    @Test
    void devTokensAreOnWithTheDevKeysMountedReadOnly() {
        for (String sender : List.of("sender-1", "sender-2")) {
            Map<String, String> env = environment(sender);
            assertEquals("true", env.get("SWITCHBOARD_DEV_TOKENS_ENABLED"));
            assertMounted(sender, env.get("SWITCHBOARD_DEV_TOKENS_SIGNING_KEY_LOCATION"));
        }
        APP_SERVICES
                .keySet()
                .forEach(service ->
                        assertMounted(service, environment(service).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")));
    }

    @Test
    void appImagesAreBuiltFromTheModulesDockerfiles() {
        APP_SERVICES.forEach((name, service) -> {
            JsonNode build = SERVICES.path(name).path("build");
            assertEquals("./" + service.module(), build.path("context").asText(), name + " build context");
            assertEquals(
                    "src/main/docker/Dockerfile.jvm", build.path("dockerfile").asText(), name + " dockerfile");
            assertTrue(Files.isRegularFile(Project.path(service.module() + "/src/main/docker/Dockerfile.jvm")));
        });
    }

    private static void assertDependsOnHealthy(String service, String dependency) {
        assertEquals(
                "service_healthy",
                SERVICES.path(service)
                        .path("depends_on")
                        .path(dependency)
                        .path("condition")
                        .asText(),
                service + " waits for a healthy " + dependency);
    }

    /** The file is mounted read-only from the repository's dev-keys directory. */
    private static void assertMounted(String service, String containerFile) {
        assertTrue(containerFile != null && !containerFile.isBlank(), service + " names the key file");
        String fileName = containerFile.substring(containerFile.lastIndexOf('/') + 1);
        assertTrue(Files.isRegularFile(Project.path("dev-keys/" + fileName)), "dev-keys/" + fileName + " exists");
        for (JsonNode volume : SERVICES.path(service).path("volumes")) {
            String[] parts = volume.asText().split(":");
            String source = parts[0];
            String target = parts[1];
            boolean readOnly = parts.length > 2 && parts[2].equals("ro");
            boolean fromDevKeys = source.equals("./dev-keys") || source.equals("./dev-keys/" + fileName);
            if (fromDevKeys
                    && readOnly
                    && (containerFile.equals(target) || containerFile.equals(target + "/" + fileName))) {
                return;
            }
        }
        fail(service + " mounts ./dev-keys read-only so that " + containerFile + " exists");
    }

    private static Map<String, String> environment(String service) {
        JsonNode env = SERVICES.path(service).path("environment");
        assertTrue(env.isObject(), service + " environment is a map");
        Map<String, String> result = new LinkedHashMap<>();
        env.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static List<String> publishedHostPorts(String service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : SERVICES.path(service).path("ports")) {
            String[] parts = port.asText().split(":");
            ports.add(parts[parts.length - 2]);
        }
        return ports;
    }

    private static String healthTest(String service) {
        List<String> parts = new ArrayList<>();
        SERVICES.path(service).path("healthcheck").path("test").forEach(part -> parts.add(part.asText()));
        return String.join(" ", parts);
    }
}
