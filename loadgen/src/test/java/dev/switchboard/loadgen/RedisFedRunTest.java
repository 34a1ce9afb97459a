package dev.switchboard.loadgen;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.Partitions;
import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.localstack.Infrastructure;
import dev.switchboard.localstack.ProjectLayout;
import dev.switchboard.localstack.RedisSetup;
import dev.switchboard.localstack.ServiceEnvironment;
import dev.switchboard.localstack.ServicePorts;
import dev.switchboard.localstack.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --feed redis} end to end, with real parts only: a real Redis, two real receiver processes (the packaged
 * app), and two real Socket.IO baseline servers ({@code socketio/server.mjs} on the machine's Node). Each run must
 * deliver every published message to every member connection, in order, and read both servers' CPU, so that the
 * side-by-side figures in docs/performance.md come from a path that is known to work.
 */
class RedisFedRunTest {

    private static final int CONNECTIONS = 40;

    private static EmbeddedRedis redis;
    // HTTP/1.1: an h2c upgrade request would be taken for a WebSocket upgrade and dropped by engine.io.
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void receiversFedThroughRedisDeliverEveryMessageToEveryMember() throws Exception {
        ProjectLayout layout = ProjectLayout.find();
        Infrastructure infra = new Infrastructure(RedisSetup.standalone(redis.url()), null, null, null, null);
        List<ServiceProcess> receivers = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                ServicePorts ports = ServicePorts.free();
                String id = "loadgen-feed-receiver-" + i;
                receivers.add(ServiceProcess.start(
                        id,
                        layout.receiverApp(),
                        ServiceEnvironment.receiver(infra, layout, ports, id),
                        ports,
                        dir.resolve(id + ".log"),
                        List.of("-Xmx256m", "-XX:+UseSerialGC")));
            }
            receivers.forEach(r -> r.awaitReady(Duration.ofSeconds(120)));

            int exit = run(parameters(
                    FeedParameters.Server.SWITCHBOARD,
                    receivers.stream().map(r -> URI.create(r.webSocketUrl())).toList()));

            assertEquals(LoadRun.CLEAN, exit, stdout.toString());
            assertEveryMessageReachedEveryMember(2);
        } finally {
            receivers.forEach(ServiceProcess::close);
        }
    }

    @Test
    void theSocketIoBaselineFedThroughRedisDeliversEveryMessageToEveryRoomMember() throws Exception {
        List<Process> servers = new ArrayList<>();
        try {
            List<URI> urls = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int port = FreePorts.find();
                ProcessBuilder node = new ProcessBuilder("node", "server.mjs")
                        .directory(Path.of("socketio").toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("socketio-" + i + ".log").toFile());
                node.environment().put("PORT", Integer.toString(port));
                node.environment().put("REDIS_URL", redis.url());
                servers.add(node.start());
                urls.add(URI.create("ws://127.0.0.1:" + port));
                awaitHealthy(servers.getLast(), port);
            }

            int exit = run(parameters(FeedParameters.Server.SOCKETIO, urls));

            assertEquals(LoadRun.CLEAN, exit, stdout.toString());
            assertEveryMessageReachedEveryMember(2);
            assertTrue(stdout.toString().contains("Socket.IO baseline load run"), stdout.toString());
        } finally {
            servers.forEach(Process::destroy);
            for (Process server : servers) {
                server.onExit().get();
            }
        }
    }

    private void assertEveryMessageReachedEveryMember(int servers) throws IOException {
        JsonNode result = new ObjectMapper().readTree(Files.readString(dir.resolve("result.json")));
        JsonNode delivery = result.get("delivery");
        long published = result.get("sending").get("http2xx").asLong();
        assertTrue(published >= 10, "published " + published);
        assertEquals(published * CONNECTIONS, delivery.get("expected").asLong());
        assertEquals(published * CONNECTIONS, delivery.get("delivered").asLong());
        assertEquals(0, delivery.get("outOfOrder").asLong());
        assertEquals(servers, result.get("receiverCpu").get("receivers").asInt(), result.toString());
        assertEquals("redis", result.get("parameters").get("feed").asText());
    }

    private static void awaitHealthy(Process server, int port) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!server.isAlive()) {
                        throw new IllegalStateException("the Socket.IO baseline exited with " + server.exitValue());
                    }
                    try {
                        return HTTP.send(health, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private RunParameters parameters(FeedParameters.Server server, List<URI> servers) {
        return new RunParameters(
                "f" + System.nanoTime() % 100000,
                List.of(URI.create("http://127.0.0.1:1")),
                servers,
                CONNECTIONS,
                Workload.BROADCAST,
                CONNECTIONS,
                20,
                Duration.ofMillis(1000),
                Duration.ofMillis(300),
                Duration.ofSeconds(10),
                RunParameters.TokenSourceKind.KEY,
                Path.of("../dev-keys/DEV-ONLY-jwt-signing-key.pem"),
                ServiceEnvironment.ISSUER,
                "switchboard",
                1000,
                dir,
                256,
                Duration.ofSeconds(10),
                20,
                0,
                null,
                false,
                server == FeedParameters.Server.SWITCHBOARD ? List.of("messageAdded") : List.of(),
                new FeedParameters(
                        FeedParameters.Source.REDIS,
                        server,
                        URI.create(redis.url()),
                        EventChannels.DEFAULT_PREFIX,
                        Partitions.DEFAULT_COUNT));
    }

    private int run(RunParameters parameters) {
        return new LoadRun(parameters, new PrintStream(stdout, true, StandardCharsets.UTF_8)).execute();
    }
}
