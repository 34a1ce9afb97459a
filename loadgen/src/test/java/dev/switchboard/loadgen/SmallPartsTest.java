package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The small pure helpers: durations, Prometheus text, metrics URLs, error kinds. */
class SmallPartsTest {

    @Test
    void aFloodChatRefusedByTheLimitIsCountedAndALostAnswerRetried() {
        Throwable limited =
                Flood.refusalIsFinal(new SenderApi.Refusal(429, "HTTP 429")).cause();
        Throwable unavailable = new SenderApi.Refusal(503, "HTTP 503");
        Throwable lost = new IllegalStateException("connection closed");

        assertTrue(limited instanceof BoundedConcurrency.PermanentFailure, "a 429 is the limit answering: not retried");
        assertEquals(unavailable, Flood.refusalIsFinal(unavailable).cause());
        assertEquals(lost, Flood.refusalIsFinal(lost).cause());
    }

    @Test
    void durationsInTheUsualShortForms() {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("PT45S"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertEquals("30s", DurationConverter.format(Duration.ofSeconds(30)));
        assertEquals("250ms", DurationConverter.format(Duration.ofMillis(250)));
        assertEquals("1.5s", DurationConverter.format(Duration.ofMillis(1500)));
    }

    @Test
    void prometheusSamplesAreSummedByLabel() {
        String text = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000000.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 3.0E7
                jvm_memory_used_bytes_total 99
                process_resident_memory_bytes 2.5E8
                """;
        assertEquals(OptionalLong.of(15_000_000), PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\""));
        assertEquals(OptionalLong.of(45_000_000), PrometheusText.sum(text, "jvm_memory_used_bytes", null));
        assertEquals(OptionalLong.of(250_000_000), PrometheusText.sum(text, "process_resident_memory_bytes", null));
        assertTrue(PrometheusText.sum(text, "http_requests", null).isEmpty());
    }

    @Test
    void liveHeapIsReadFromTheTopLevelLinesOfHeapInfo() {
        String g1 = """
                2322:
                garbage-first heap   total reserved 6172672K, committed 217088K, used 99393K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 23 young (94208K), 1 survivors (4096K)
                 Metaspace       used 60151K, committed 60800K, reserved 1114112K
                  class space    used 7000K, committed 7296K, reserved 1048576K
                """;
        assertEquals(OptionalLong.of(99393L * 1024), JcmdHeap.parseHeapInfo(g1));
        String parallel = """
                 PSYoungGen      total 76288K, used 3932K [0x00000007aab00000, 0x00000007b0000000)
                  eden space 65536K, 6% used [0x00000007aab00000,0x00000007aaed7300,0x00000007aeb00000)
                 ParOldGen       total 175104K, used 1000K [0x0000000700000000, 0x000000070ab00000)
                """;
        assertEquals(OptionalLong.of(4932L * 1024), JcmdHeap.parseHeapInfo(parallel));
        assertEquals(OptionalLong.of(30L << 20), JcmdHeap.parseHeapInfo(" ZHeap           used 30M, capacity 256M"));
        assertTrue(JcmdHeap.parseHeapInfo("1234:\nnot a JVM").isEmpty());
    }

    @Test
    void cpuTimeIsUtimePlusStimeCountedAfterTheCommandName() {
        String stat = "4242 (java (receiver)) S 1 4242 4242 0 -1 4194560 1234 0 5 0 700 300 0 0 20 0 40 0";
        assertEquals(Optional.of(new ReceiverCpuProbe.Ticks(700, 300)), ReceiverCpuProbe.parseStat(stat));
        ReceiverCpu cpu = ReceiverCpuProbe.between(
                new ReceiverCpuProbe.Reading(List.of(4242L), List.of(new ReceiverCpuProbe.Ticks(700, 300)), 500, null),
                new ReceiverCpuProbe.Reading(
                        List.of(4242L), List.of(new ReceiverCpuProbe.Ticks(850, 400)), 100_500, null));
        assertEquals(2.5, cpu.cpuSeconds());
        assertEquals(1.0, cpu.systemSeconds());
        assertEquals(25.0, cpu.microsPerFrame(), "2.5 s over 100,000 frames");
        assertEquals(10.0, cpu.systemMicrosPerFrame(), "1 s of it in the kernel");
    }

    @Test
    void eventsBecomeOneSubscribeFrame() {
        assertEquals(
                "{\"type\":\"subscribe\",\"events\":[\"messageAdded\",\"chatAdded\"]}",
                SwitchboardProtocol.subscribeFrame(List.of("messageAdded", " chatAdded")));
    }

    @Test
    void metricsAreOnTheManagementPortTheOffsetAway() {
        assertEquals(
                URI.create("http://127.0.0.1:9091/q/metrics"),
                ReceiverMemoryProbe.metricsUri(URI.create("ws://127.0.0.1:8091/ws"), 1000));
        assertEquals(
                URI.create("https://rx.example:443/q/metrics"),
                ReceiverMemoryProbe.metricsUri(URI.create("wss://rx.example/ws"), 0));
    }

    @Test
    void memoryPerConnectionIsTheGrowthSpreadOverTheConnections() {
        ReceiverMemory m = ReceiverMemoryProbe.compare(
                URI.create("ws://10.0.0.1:8091/ws"),
                1000,
                new ReceiverMemoryProbe.Sample("metrics", null, 100_000_000L, null),
                new ReceiverMemoryProbe.Sample("metrics", null, 130_000_000L, null));
        assertEquals(30_000L, m.heapBytesPerConnection());
        assertEquals(null, m.rssBytesPerConnection());
        ReceiverMemory none = ReceiverMemoryProbe.compare(
                URI.create("ws://10.0.0.1:8091/ws"),
                10,
                new ReceiverMemoryProbe.Sample("none", null, null, null),
                new ReceiverMemoryProbe.Sample("none", null, null, null));
        assertTrue(none.note().contains("jcmd"));
    }

    @Test
    void sendErrorsAreGroupedByAShortKind() {
        assertEquals(
                "TimeoutException: took too long",
                SendStats.kind(new java.util.concurrent.TimeoutException("took too long\nat somewhere")));
        assertEquals("IllegalStateException", SendStats.kind(new IllegalStateException()));
        SendStats stats = new SendStats();
        stats.answered(201, true);
        stats.answered(503, true);
        stats.answered(503, false);
        stats.failed(new RuntimeException("boom"));
        assertEquals(1, stats.okCount());
        assertEquals(2, stats.non2xxCount());
        assertEquals(java.util.Map.of("503", 2L), stats.non2xxByStatus());
        assertEquals(1, stats.errorCount());
    }
}
