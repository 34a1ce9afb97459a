package dev.switchboard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.switchboard.deployment.testing.ChartValues;
import dev.switchboard.deployment.testing.Project;
import dev.switchboard.deployment.testing.RenderedChart;
import dev.switchboard.deployment.testing.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** helm/switchboard, linted and rendered in-process with the default and the production values. */
class HelmChartTest {

    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    private static final Map<String, Service> COMPONENTS =
            Map.of("sender", Service.SENDER, "receiver", Service.RECEIVER);

    private static final RenderedChart DEFAULTS = RenderedChart.testCluster(Map.of());
    private static final RenderedChart PRODUCTION = RenderedChart.production();
    private static final RenderedChart DEV_TOKENS = RenderedChart.testCluster(Map.of("devTokens.enabled", "true"));
    private static final RenderedChart REDIS_CLUSTER =
            RenderedChart.render(Project.path("helm/values-redis-cluster.yaml"), Map.of("auth.allowDevKeys", "true"));
    private static final RenderedChart REDIS_SHARDED =
            RenderedChart.render(Project.path("helm/values-redis-sharded.yaml"), Map.of("auth.allowDevKeys", "true"));

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("test cluster values (dev keys allowed)", DEFAULTS),
                Arguments.of("values-production.yaml", PRODUCTION),
                Arguments.of("dev tokens on", DEV_TOKENS),
                Arguments.of("values-redis-cluster.yaml", REDIS_CLUSTER),
                Arguments.of("values-redis-sharded.yaml", REDIS_SHARDED));
    }

    @Test
    void theDefaultIsStandaloneRedisWithTheDefaultPartitionCount() {
        for (String component : COMPONENTS.keySet()) {
            Map<String, String> env = DEFAULTS.environment(DEFAULTS.deployment(component));
            assertEquals("standalone", env.get("SWITCHBOARD_REDIS_MODE"), component);
            assertEquals("64", env.get("SWITCHBOARD_PARTITIONS"), component);
            assertFalse(env.containsKey("QUARKUS_REDIS_CLIENT_TYPE"), component);
        }
    }

    @Test
    void aRedisClusterIsReachedThroughItsSeedsWithClusterClientsEverywhere() {
        assertEquals(List.of(), REDIS_CLUSTER.workloads("redis"), "no bundled Redis");
        for (String component : COMPONENTS.keySet()) {
            Map<String, String> env = REDIS_CLUSTER.environment(REDIS_CLUSTER.deployment(component));
            assertEquals("cluster", env.get("SWITCHBOARD_REDIS_MODE"), component);
            assertEquals("cluster", env.get("QUARKUS_REDIS_CLIENT_TYPE"), component);
            assertEquals("<from secretKeyRef>", env.get("QUARKUS_REDIS_HOSTS"), component);
        }
    }

    @Test
    void shardedRedisHandsEveryComponentTheSameOrderedNodeList() {
        String shards = "redis://redis-0.redis.data.svc:6379,redis://redis-1.redis.data.svc:6379,"
                + "redis://redis-2.redis.data.svc:6379";
        for (String component : COMPONENTS.keySet()) {
            Map<String, String> env = REDIS_SHARDED.environment(REDIS_SHARDED.deployment(component));
            assertEquals("sharded", env.get("SWITCHBOARD_REDIS_MODE"), component);
            assertEquals(shards, env.get("SWITCHBOARD_REDIS_SHARDS"), component);
        }
    }

    @Test
    void refusesABundledRedisInAnotherModeAndShardedModeWithoutShards() {
        Exception bundled =
                assertThrows(Exception.class, () -> RenderedChart.testCluster(Map.of("redis.mode", "cluster")));
        assertTrue(bundled.getMessage().contains("a bundled Redis is standalone only"), bundled.getMessage());
        Exception noShards = assertThrows(
                Exception.class,
                () -> RenderedChart.testCluster(Map.of(
                        "redis.mode", "sharded", "redis.bundled", "false", "redis.external.url", "redis://r:6379")));
        assertTrue(noShards.getMessage().contains("redis.external.shards"), noShards.getMessage());
    }

    @Test
    void lintsWithoutWarnings() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void probesUseTheQuarkusHealthEndpoints(String name, RenderedChart chart) {
        COMPONENTS.keySet().forEach(component -> {
            JsonNode container = RenderedChart.container(chart.deployment(component));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                assertTrue(HEALTH_PATHS.contains(path), component + " " + probe + " path " + path);
            }
            assertEquals(
                    "/q/health/started",
                    container.path("startupProbe").path("httpGet").path("path").asText());
            assertEquals(
                    "/q/health/ready",
                    container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText());
            assertEquals(
                    "/q/health/live",
                    container.path("livenessProbe").path("httpGet").path("path").asText());
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertEquals(
                        "management",
                        container.path(probe).path("httpGet").path("port").asText(),
                        component + " " + probe + " asks the management port, not the public one");
            }
            assertTrue(
                    chart.environment(chart.deployment(component)).containsKey("QUARKUS_MANAGEMENT_PORT"),
                    component + " sets its management port");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void containersSetOnlyVariablesTheServicesRead(String name, RenderedChart chart) {
        List<String> unknown = new ArrayList<>();
        COMPONENTS.forEach((component, service) -> chart.environment(chart.deployment(component)).keySet().stream()
                .filter(env -> !service.reads(env))
                .forEach(env -> unknown.add(component + ": " + env)));
        assertEquals(
                List.of(),
                unknown,
                "variables that no key of the service's application.properties (nor a "
                        + "standard Quarkus/MicroProfile key) matches");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void containersGetTheirEssentialSettings(String name, RenderedChart chart) {
        COMPONENTS.forEach((component, service) -> {
            Map<String, String> env = chart.environment(chart.deployment(component));
            List<String> required = new ArrayList<>(List.of(
                    "QUARKUS_HTTP_PORT",
                    "QUARKUS_REDIS_HOSTS",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUER",
                    "SWITCHBOARD_INSTANCE_ID"));
            if (service == Service.SENDER) {
                required.addAll(List.of(
                        "QUARKUS_DATASOURCE_REACTIVE_URL",
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "SWITCHBOARD_DEV_TOKENS_ENABLED"));
            }
            required.forEach(key -> assertTrue(env.containsKey(key), component + " gets " + key));
            assertEquals(
                    "<from secretKeyRef>",
                    env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "<from secretKeyRef>"),
                    "the database password comes from a Secret");
            String port = env.get("QUARKUS_HTTP_PORT");
            assertEquals(
                    port,
                    RenderedChart.container(chart.deployment(component))
                            .path("ports")
                            .get(0)
                            .path("containerPort")
                            .asText(),
                    component + " container port is its HTTP port");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void jwtPublicKeySecretIsMountedWhereTheServicesLook(String name, RenderedChart chart) {
        COMPONENTS.keySet().forEach(component -> {
            JsonNode deployment = chart.deployment(component);
            String location = chart.environment(deployment).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            assertSecretFileMounted(chart, deployment, location);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void receiversGetAGracePeriodLongerThanTheirDrain(String name, RenderedChart chart) {
        JsonNode receiver = chart.deployment("receiver");
        JsonNode pod = receiver.path("spec").path("template").path("spec");
        String closeTimeout = chart.environment(receiver).get("SWITCHBOARD_SOCKET_CLOSE_TIMEOUT");
        assertTrue(
                closeTimeout != null && closeTimeout.matches("\\d+s"),
                "drain time passed to the receiver: " + closeTimeout);
        int drain = Integer.parseInt(closeTimeout.substring(0, closeTimeout.length() - 1));
        JsonNode preStop = RenderedChart.container(receiver)
                .path("lifecycle")
                .path("preStop")
                .path("exec")
                .path("command");
        assertEquals("sleep", preStop.get(0).asText(), "preStop sleeps so the endpoint goes before the sockets close");
        int preStopSleep = preStop.get(1).asInt();
        assertTrue(preStopSleep > 0);
        assertTrue(
                pod.path("terminationGracePeriodSeconds").asInt() >= preStopSleep + drain,
                "grace " + pod.path("terminationGracePeriodSeconds") + " covers preStop " + preStopSleep + " + drain "
                        + drain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void podDisruptionBudgetsCoverBothComponents(String name, RenderedChart chart) {
        COMPONENTS.keySet().forEach(component -> {
            JsonNode pdb = chart.get("PodDisruptionBudget", RenderedChart.RELEASE + "-" + component);
            assertEquals(
                    chart.deployment(component).path("spec").path("selector"),
                    pdb.path("spec").path("selector"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void servicesSelectTheirPodsOnTheHttpPort(String name, RenderedChart chart) {
        COMPONENTS.keySet().forEach(component -> {
            JsonNode service = chart.get("Service", RenderedChart.RELEASE + "-" + component);
            JsonNode podLabels = chart.deployment(component)
                    .path("spec")
                    .path("template")
                    .path("metadata")
                    .path("labels");
            service.path("spec")
                    .path("selector")
                    .fields()
                    .forEachRemaining(label -> assertEquals(
                            label.getValue(), podLabels.path(label.getKey()), component + " Service selects its pods"));
            assertEquals(
                    "http",
                    service.path("spec").path("ports").get(0).path("targetPort").asText());
        });
    }

    @Nested
    class DefaultValues {

        private final JsonNode values = ChartValues.defaults();

        @Test
        void deploymentsRunTheConfiguredReplicas() {
            COMPONENTS
                    .keySet()
                    .forEach(component -> assertEquals(
                            values.path(component).path("replicaCount").asInt(),
                            DEFAULTS.deployment(component)
                                    .path("spec")
                                    .path("replicas")
                                    .asInt(),
                            component + " replicas"));
        }

        @Test
        void noAutoscalersAndNoServiceMonitor() {
            assertEquals(List.of(), DEFAULTS.all("HorizontalPodAutoscaler"));
            assertEquals(List.of(), DEFAULTS.all("ServiceMonitor"));
        }

        @Test
        void bundlesRedisAndPostgresql() {
            assertEquals(
                    "Deployment",
                    DEFAULTS.workloads("redis").getFirst().path("kind").asText());
            assertEquals(
                    "StatefulSet",
                    DEFAULTS.workloads("postgresql").getFirst().path("kind").asText());
            DEFAULTS.get("Service", RenderedChart.RELEASE + "-redis");
            DEFAULTS.get("Service", RenderedChart.RELEASE + "-postgresql");
            Map<String, String> sender = DEFAULTS.environment(DEFAULTS.deployment("sender"));
            assertEquals("redis://" + RenderedChart.RELEASE + "-redis:6379", sender.get("QUARKUS_REDIS_HOSTS"));
            assertEquals(
                    "jdbc:postgresql://" + RenderedChart.RELEASE + "-postgresql:5432/switchboard",
                    sender.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals(
                    "postgresql://" + RenderedChart.RELEASE + "-postgresql:5432/switchboard",
                    sender.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        }

        @Test
        void bundledPostgresqlAndTheSendersShareThePasswordSecret() {
            JsonNode postgres = DEFAULTS.workloads("postgresql").getFirst();
            JsonNode postgresRef =
                    envEntry(postgres, "POSTGRES_PASSWORD").path("valueFrom").path("secretKeyRef");
            JsonNode senderRef = envEntry(DEFAULTS.deployment("sender"), "QUARKUS_DATASOURCE_PASSWORD")
                    .path("valueFrom")
                    .path("secretKeyRef");
            assertEquals(postgresRef, senderRef);
            JsonNode secret = DEFAULTS.get("Secret", senderRef.path("name").asText());
            assertFalse(
                    secret.path("data")
                            .path(senderRef.path("key").asText())
                            .asText()
                            .isEmpty(),
                    "the chart's Secret holds the password");
        }

        @Test
        void devTokensAreOffAndTheDevPublicKeyIsTheFallback() throws Exception {
            assertEquals(
                    "false", DEFAULTS.environment(DEFAULTS.deployment("sender")).get("SWITCHBOARD_DEV_TOKENS_ENABLED"));
            assertTrue(DEFAULTS.find("Secret", RenderedChart.RELEASE + "-dev-tokens")
                    .isEmpty());
            String publicKey = decode(DEFAULTS.get("Secret", RenderedChart.RELEASE + "-jwt")
                    .path("data")
                    .path("publicKey.pem"));
            assertEquals(
                    Files.readString(Project.path("dev-keys/DEV-ONLY-jwt-verify-key.pem"))
                            .strip(),
                    publicKey.strip());
        }

        @Test
        void eachPodIsNamedAfterItself() {
            COMPONENTS
                    .keySet()
                    .forEach(component -> assertEquals(
                            "metadata.name",
                            envEntry(DEFAULTS.deployment(component), "SWITCHBOARD_INSTANCE_ID")
                                    .path("valueFrom")
                                    .path("fieldRef")
                                    .path("fieldPath")
                                    .asText()));
        }
    }

    @Nested
    class ProductionValues {

        private final JsonNode values = ChartValues.with(RenderedChart.PRODUCTION_VALUES);

        @Test
        void autoscalersOwnTheReplicaCountWithinTheConfiguredBounds() {
            COMPONENTS.keySet().forEach(component -> {
                JsonNode autoscaling = values.path(component).path("autoscaling");
                assertTrue(autoscaling.path("enabled").asBoolean(), "production autoscales " + component);
                JsonNode hpa = PRODUCTION.get("HorizontalPodAutoscaler", RenderedChart.RELEASE + "-" + component);
                assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
                assertEquals(
                        autoscaling.path("minReplicas").asInt(),
                        hpa.path("spec").path("minReplicas").asInt());
                assertEquals(
                        autoscaling.path("maxReplicas").asInt(),
                        hpa.path("spec").path("maxReplicas").asInt());
                assertEquals(
                        RenderedChart.RELEASE + "-" + component,
                        hpa.path("spec").path("scaleTargetRef").path("name").asText());
                assertEquals(
                        "cpu",
                        hpa.path("spec")
                                .path("metrics")
                                .get(0)
                                .path("resource")
                                .path("name")
                                .asText());
                assertFalse(
                        PRODUCTION.deployment(component).path("spec").has("replicas"),
                        "no replicas on the " + component + " Deployment: an upgrade must not undo the autoscaler");
            });
            assertEquals(
                    3,
                    values.path("sender")
                            .path("autoscaling")
                            .path("minReplicas")
                            .asInt());
            assertEquals(
                    4,
                    values.path("receiver")
                            .path("autoscaling")
                            .path("minReplicas")
                            .asInt());
        }

        @Test
        void usesExternalRedisAndPostgresql() {
            assertEquals(List.of(), PRODUCTION.workloads("redis"));
            assertEquals(List.of(), PRODUCTION.workloads("postgresql"));
            Map<String, String> sender = PRODUCTION.environment(PRODUCTION.deployment("sender"));
            assertEquals("<from secretKeyRef>", sender.get("QUARKUS_REDIS_HOSTS"));
            String host = values.path("postgresql").path("host").asText();
            assertTrue(sender.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://" + host + ":"));
            assertEquals(
                    values.path("postgresql").path("existingSecret").asText(),
                    envEntry(PRODUCTION.deployment("sender"), "QUARKUS_DATASOURCE_PASSWORD")
                            .path("valueFrom")
                            .path("secretKeyRef")
                            .path("name")
                            .asText());
            assertTrue(
                    PRODUCTION
                            .find("Secret", RenderedChart.RELEASE + "-postgresql")
                            .isEmpty(),
                    "the operator owns the database Secret");
        }

        @Test
        void verifiesTokensWithTheOperatorsKeyAndNoDevTokens() {
            assertTrue(PRODUCTION.all("Secret").isEmpty(), "every Secret is the operator's");
            assertEquals(
                    "false",
                    PRODUCTION.environment(PRODUCTION.deployment("sender")).get("SWITCHBOARD_DEV_TOKENS_ENABLED"));
            assertFalse(PRODUCTION
                    .environment(PRODUCTION.deployment("sender"))
                    .containsKey("SWITCHBOARD_DEV_TOKENS_SIGNING_KEY_LOCATION"));
            COMPONENTS
                    .keySet()
                    .forEach(component -> assertEquals(
                            values.path("auth").path("existingSecret").asText(),
                            volume(PRODUCTION.deployment(component), "jwt")
                                    .path("secret")
                                    .path("secretName")
                                    .asText()));
        }

        @Test
        void serviceMonitorScrapesBothComponents() {
            JsonNode monitor = PRODUCTION.get("ServiceMonitor", RenderedChart.RELEASE);
            assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertEquals("/q/metrics", endpoint.path("path").asText());
            assertEquals("management", endpoint.path("port").asText());
            COMPONENTS.keySet().forEach(component -> {
                JsonNode labels = PRODUCTION
                        .get("Service", RenderedChart.RELEASE + "-" + component)
                        .path("metadata")
                        .path("labels");
                monitor.path("spec")
                        .path("selector")
                        .path("matchLabels")
                        .fields()
                        .forEachRemaining(label -> assertEquals(
                                label.getValue(), labels.path(label.getKey()), component + " Service is selected"));
                assertTrue(monitor.path("spec")
                        .path("selector")
                        .path("matchExpressions")
                        .get(0)
                        .path("values")
                        .toString()
                        .contains(component));
            });
        }
    }

    @Nested
    class Toggles {

        @Test
        void serviceMonitorOnlyWhenEnabled() {
            assertEquals(
                    1,
                    RenderedChart.testCluster(Map.of("metrics.serviceMonitor.enabled", "true"))
                            .all("ServiceMonitor")
                            .size());
            assertEquals(
                    List.of(),
                    RenderedChart.render(
                                    RenderedChart.PRODUCTION_VALUES, Map.of("metrics.serviceMonitor.enabled", "false"))
                            .all("ServiceMonitor"));
        }

        @Test
        void noAutoscalerWhenDisabled() {
            RenderedChart chart = RenderedChart.render(
                    RenderedChart.PRODUCTION_VALUES,
                    Map.of("sender.autoscaling.enabled", "false", "sender.replicaCount", "5"));
            assertEquals(
                    List.of(RenderedChart.RELEASE + "-receiver"),
                    chart.all("HorizontalPodAutoscaler").stream()
                            .map(hpa -> hpa.path("metadata").path("name").asText())
                            .toList());
            assertEquals(
                    5, chart.deployment("sender").path("spec").path("replicas").asInt());
        }

        @Test
        void devTokensMountTheSigningKeyOnSendersOnly() {
            Map<String, String> sender = DEV_TOKENS.environment(DEV_TOKENS.deployment("sender"));
            assertEquals("true", sender.get("SWITCHBOARD_DEV_TOKENS_ENABLED"));
            assertSecretFileMounted(
                    DEV_TOKENS,
                    DEV_TOKENS.deployment("sender"),
                    sender.get("SWITCHBOARD_DEV_TOKENS_SIGNING_KEY_LOCATION"));
            assertTrue(
                    volume(DEV_TOKENS.deployment("receiver"), "dev-tokens").isMissingNode(),
                    "receivers never see the signing key");
        }

        @Test
        void refusesToRenderWithoutAKeyByDefault() {
            Exception refused = assertThrows(Exception.class, () -> RenderedChart.render(null, Map.of()));
            assertTrue(
                    refused.getMessage().contains("auth.publicKey or auth.existingSecret is required"),
                    refused.getMessage());
        }

        @Test
        void refusesExternalPostgresqlWithoutAPassword() {
            Exception refused = assertThrows(
                    Exception.class,
                    () -> RenderedChart.render(
                            null,
                            Map.of(
                                    "auth.allowDevKeys",
                                    "true",
                                    "postgresql.bundled",
                                    "false",
                                    "postgresql.host",
                                    "db.example.internal")));
            assertTrue(refused.getMessage().contains("postgresql.existingSecret"), refused.getMessage());
        }

        @Test
        void aGrantsSecretReachesBothComponentsFromAChartSecretAndNoSecretMeansTypingIsOff() {
            String secret = "x".repeat(40);
            RenderedChart chart =
                    RenderedChart.render(null, Map.of("grants.secret", secret, "auth.allowDevKeys", "true"));
            assertEquals(
                    secret,
                    decode(chart.get("Secret", RenderedChart.RELEASE + "-grants")
                            .path("data")
                            .path("secret")));
            COMPONENTS.keySet().forEach(component -> {
                JsonNode ref = envEntry(chart.deployment(component), "SWITCHBOARD_GRANTS_SECRET")
                        .path("valueFrom")
                        .path("secretKeyRef");
                assertEquals(RenderedChart.RELEASE + "-grants", ref.path("name").asText(), component);
                assertEquals("secret", ref.path("key").asText(), component);
            });
            RenderedChart existing = RenderedChart.render(
                    null,
                    Map.of(
                            "grants.existingSecret", "ops-grants",
                            "grants.existingSecretKey", "hmac",
                            "auth.allowDevKeys", "true"));
            assertTrue(
                    existing.find("Secret", RenderedChart.RELEASE + "-grants").isEmpty());
            assertEquals(
                    "ops-grants",
                    envEntry(existing.deployment("receiver"), "SWITCHBOARD_GRANTS_SECRET")
                            .path("valueFrom")
                            .path("secretKeyRef")
                            .path("name")
                            .asText());
            RenderedChart off = RenderedChart.render(null, Map.of("auth.allowDevKeys", "true"));
            COMPONENTS
                    .keySet()
                    .forEach(component -> assertFalse(
                            off.environment(off.deployment(component)).containsKey("SWITCHBOARD_GRANTS_SECRET"),
                            component));
        }

        @Test
        void aGivenPublicKeyReplacesTheDevKey() {
            String pem = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
            RenderedChart chart = RenderedChart.render(null, Map.of("auth.publicKey", pem));
            assertEquals(
                    pem,
                    decode(chart.get("Secret", RenderedChart.RELEASE + "-jwt")
                            .path("data")
                            .path("publicKey.pem")));
        }
    }

    /** The file at {@code path} is a key of a Secret volume mounted read-only in the workload's container. */
    private static void assertSecretFileMounted(RenderedChart chart, JsonNode workload, String path) {
        assertTrue(path != null && path.startsWith("/"), "an absolute file path: " + path);
        String dir = path.substring(0, path.lastIndexOf('/'));
        String file = path.substring(path.lastIndexOf('/') + 1);
        for (JsonNode mount : RenderedChart.container(workload).path("volumeMounts")) {
            if (!mount.path("mountPath").asText().equals(dir)) {
                continue;
            }
            assertTrue(mount.path("readOnly").asBoolean(), dir + " is mounted read-only");
            JsonNode secret = volume(workload, mount.path("name").asText()).path("secret");
            assertFalse(secret.isMissingNode(), dir + " is a Secret volume");
            boolean hasFile = false;
            for (JsonNode item : secret.path("items")) {
                hasFile |= item.path("path").asText().equals(file);
                chart.find("Secret", secret.path("secretName").asText())
                        .ifPresent(s -> assertTrue(
                                s.path("data").has(item.path("key").asText()), "the Secret holds " + item.path("key")));
            }
            assertTrue(hasFile, file + " is projected into " + dir);
            return;
        }
        throw new AssertionError("nothing is mounted at " + dir + " in "
                + workload.path("metadata").path("name").asText());
    }

    private static JsonNode volume(JsonNode workload, String name) {
        for (JsonNode volume :
                workload.path("spec").path("template").path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return MissingNode.getInstance();
    }

    private static JsonNode envEntry(JsonNode workload, String name) {
        for (JsonNode entry : RenderedChart.container(workload).path("env")) {
            if (entry.path("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no env entry " + name);
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }
}
