package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.loadgen.testing.FakeSwitchboard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs, a couple of seconds each, against an in-process {@link FakeSwitchboard}. */
class LoadRunTest {

    @TempDir
    Path dir;

    private FakeSwitchboard fake;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSwitchboard();
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private RunParameters parameters(
            Workload workload, int connections, int groupSize, double rate, RunParameters.TokenSourceKind tokens) {
        URI sender = URI.create("http://127.0.0.1:" + fake.port());
        URI receiver = URI.create("ws://127.0.0.1:" + fake.port() + "/ws");
        return new RunParameters(
                "t" + System.nanoTime() % 100000,
                List.of(sender, sender),
                List.of(receiver, receiver),
                connections,
                workload,
                groupSize,
                rate,
                Duration.ofMillis(1000),
                Duration.ofMillis(300),
                Duration.ofSeconds(2),
                tokens,
                Path.of("../dev-keys/DEV-ONLY-jwt-signing-key.pem"),
                "switchboard-dev",
                "switchboard",
                0,
                dir,
                256,
                Duration.ofSeconds(10),
                20,
                0,
                workload == Workload.FLOOD ? new FloodParameters(3, 5, 2, 20, 100, 4) : null,
                false,
                List.of(),
                FeedParameters.SENDERS);
    }

    private int run(RunParameters parameters) {
        return new LoadRun(parameters, new PrintStream(stdout, true, StandardCharsets.UTF_8)).execute();
    }

    private JsonNode result() throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve("result.json")));
    }

    @Test
    void aCleanDirectRunAccountsForEveryDelivery() throws Exception {
        // A low rate and a generous in-flight bound: a busy CI machine must not turn this into a skip.
        assertEquals(
                LoadRun.CLEAN,
                run(parameters(Workload.DIRECT, 10, 100, 100, RunParameters.TokenSourceKind.DEV)),
                stdout.toString());
        JsonNode r = result();
        long acknowledged = r.get("sending").get("http2xx").asLong();
        assertEquals(130, r.get("sending").get("due").asLong(), 2, "1.3 s at 100/s");
        assertEquals(acknowledged, r.get("sending").get("sent").asLong());
        assertEquals(2 * acknowledged, r.get("delivery").get("expected").asLong());
        assertEquals(2 * acknowledged, r.get("delivery").get("delivered").asLong());
        assertEquals(0, r.get("delivery").get("lost").asLong());
        assertEquals(0, r.get("delivery").get("foreign").asLong());
        long timed = r.get("deliveryLatencyMicros").get("count").asLong();
        // Which tick falls on the window's edge depends on scheduling, so allow a message either side.
        assertEquals(200, timed, 4, "two deliveries of each of the measured second's 100 messages");
        assertEquals("clean", r.get("verdict").asText());
        assertTrue(Files.exists(dir.resolve("report.html")));
        assertTrue(stdout.toString().contains("verdict        clean"), stdout.toString());
    }

    @Test
    void aFloodRunMeasuresTheBystandersAndCountsTheAbusersSendsApart() throws Exception {
        assertEquals(
                LoadRun.CLEAN,
                run(parameters(Workload.FLOOD, 4, 100, 20, RunParameters.TokenSourceKind.DEV)),
                stdout.toString());
        JsonNode r = result();
        JsonNode flood = r.get("flood");
        assertEquals(3, flood.get("chatsCreated").asInt(), stdout.toString());
        assertEquals(26, flood.get("sent").asLong(), 3, "1.3 s at 20/s");
        assertEquals(flood.get("sent").asLong(), flood.get("accepted").asLong());
        assertEquals(
                2 * r.get("sending").get("http2xx").asLong(),
                r.get("delivery").get("delivered").asLong(),
                "only the bystanders' messages are tracked");
        assertEquals(5, r.get("parameters").get("flood-members").asInt());
    }

    @Test
    void lostAndDuplicatedDeliveriesMakeTheRunFail() throws Exception {
        fake.drop = (user, seq) -> user.endsWith("-0") && seq == 2;
        fake.duplicate = (user, seq) -> user.endsWith("-3") && seq == 3;
        assertEquals(
                LoadRun.PROBLEMS, run(parameters(Workload.DIRECT, 4, 100, 100, RunParameters.TokenSourceKind.DEV)));
        JsonNode delivery = result().get("delivery");
        assertEquals(1, delivery.get("lost").asLong());
        assertEquals(1, delivery.get("duplicates").asLong());
        assertEquals("problems", result().get("verdict").asText());
    }

    @Test
    void aBroadcastWithLocallySignedTokensReachesEveryMember() throws Exception {
        assertEquals(
                LoadRun.CLEAN,
                run(parameters(Workload.BROADCAST, 30, 20, 20, RunParameters.TokenSourceKind.KEY)),
                stdout.toString());
        JsonNode r = result();
        assertEquals(1, r.get("setup").get("chats").asInt());
        assertEquals(20.0, r.get("setup").get("deliveriesPerMessage").asDouble());
        assertEquals(
                20 * r.get("sending").get("http2xx").asLong(),
                r.get("delivery").get("delivered").asLong());
    }

    @Test
    void anIdleRunHoldsTheConnectionsAndReportsEachReceiver() throws Exception {
        assertEquals(
                LoadRun.CLEAN,
                run(parameters(Workload.IDLE, 20, 100, 0, RunParameters.TokenSourceKind.DEV)),
                stdout.toString());
        JsonNode r = result();
        assertEquals(20, r.get("connections").get("open").asLong());
        JsonNode memory = r.get("receiverMemory");
        assertEquals(2, memory.size());
        assertEquals("metrics", memory.get(0).get("source").asText());
        // The fake grows 10 kB per connection; both receiver URLs are the same one, holding all 20.
        assertEquals(20, memory.get(0).get("connections").asLong());
        assertEquals(10_000, memory.get(0).get("heapBytesPerConnection").asLong());
        assertEquals(0, r.get("sending").get("sent").asLong());
    }

    @Test
    void anUnreachableDeploymentIsASetUpFailure() throws Exception {
        fake.close();
        assertEquals(LoadRun.NOT_RUN, run(parameters(Workload.DIRECT, 4, 100, 10, RunParameters.TokenSourceKind.DEV)));
        assertTrue(stdout.toString().contains("Run not measured"), stdout.toString());
        fake = new FakeSwitchboard(); // for @AfterEach
    }
}
