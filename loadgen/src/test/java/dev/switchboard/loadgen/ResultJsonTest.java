package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.loadgen.testing.SampleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonTest {

    private static JsonNode json(RunResult result) throws Exception {
        return new ObjectMapper().readTree(ResultWriter.json(result));
    }

    @Test
    void holdsTheParametersUnderTheirOptionNames() throws Exception {
        JsonNode parameters = json(SampleRun.clean()).get("parameters");
        assertEquals("direct", parameters.get("workload").asText());
        assertEquals(100, parameters.get("connections").asInt());
        assertEquals(200.0, parameters.get("rate").asDouble());
        assertEquals("10s", parameters.get("duration").asText());
        assertEquals("5s", parameters.get("warmup").asText());
        assertEquals(
                "ws://127.0.0.1:8091/ws", parameters.get("receivers").get(0).asText());
        assertEquals("dev", parameters.get("token-source").asText());
        assertEquals(256, parameters.get("http-concurrency").asInt());
    }

    @Test
    void holdsTheLatencyPercentilesInMicroseconds() throws Exception {
        JsonNode latency = json(SampleRun.clean()).get("deliveryLatencyMicros");
        assertEquals(10_000, latency.get("count").asLong());
        assertEquals(5000, latency.get("p50").asLong(), 5);
        assertEquals(9000, latency.get("p90").asLong(), 9);
        assertEquals(9900, latency.get("p99").asLong(), 10);
        assertEquals(9990, latency.get("p999").asLong(), 10);
        assertEquals(10_000, latency.get("max").asLong(), 10);
        assertTrue(latency.get("distribution").size() > 10);
        JsonNode last =
                latency.get("distribution").get(latency.get("distribution").size() - 1);
        assertEquals(100.0, last.get("percentile").asDouble());
        assertEquals(
                2, json(SampleRun.clean()).get("sendLatencyMicros").get("count").asLong());
    }

    @Test
    void holdsTheSendAndDeliveryCountsAndRates() throws Exception {
        JsonNode root = json(SampleRun.clean());
        JsonNode sending = root.get("sending");
        assertEquals(3000, sending.get("sent").asLong());
        assertEquals(3000, sending.get("http2xx").asLong());
        assertEquals(0, sending.get("httpNon2xx").asLong());
        assertEquals(0, sending.get("skipped").asLong());
        assertEquals(200.0, sending.get("achievedPerSecond").asDouble(), 0.01);
        assertEquals(200.0, sending.get("acknowledgedPerSecond").asDouble(), 0.01);
        JsonNode delivery = root.get("delivery");
        for (String field : new String[] {"expected", "delivered", "lost", "duplicates", "outOfOrder"}) {
            assertTrue(delivery.has(field), field);
        }
        assertEquals(6000, delivery.get("expected").asLong());
        assertEquals(1000.0, root.get("deliveredPerSecond").asDouble(), 0.01);
        assertEquals("clean", root.get("verdict").asText());
        assertEquals(0, root.get("problems").size());
        assertEquals("t3st", root.get("runId").asText());
        assertEquals("2026-11-22T10:00:00Z", root.get("startedAt").asText());
    }

    @Test
    void aRunWithLossSaysSo() throws Exception {
        JsonNode root = json(SampleRun.result(new DeliveryCounts(6000, 5990, 10, 2, 1, 0, 0)));
        assertEquals("problems", root.get("verdict").asText());
        String problems = root.get("problems").toString();
        assertTrue(problems.contains("10 deliveries lost"), problems);
        assertTrue(problems.contains("2 duplicate deliveries"), problems);
        assertTrue(problems.contains("1 out-of-order deliveries"), problems);
    }

    @Test
    void theWriterPutsEveryFileInTheOutputDirectory(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        new ResultWriter(new java.io.PrintStream(stdout, true))
                .write(SampleRun.clean(), SampleRun.deliveryLatency(), SampleRun.sendLatency(), dir.resolve("run"));
        for (String file : new String[] {"result.json", "report.html", "delivery-latency.hgrm", "send-latency.hgrm"}) {
            assertTrue(Files.size(dir.resolve("run").resolve(file)) > 0, file);
        }
        String table = stdout.toString();
        assertTrue(table.contains("lost 0  duplicates 0"), table);
        assertTrue(table.contains("verdict        clean"), table);
        assertTrue(Files.readString(dir.resolve("run/delivery-latency.hgrm")).contains("Percentile"));
    }
}
