package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadGeneratorTest {

    private static RunParameters parse(String... args) {
        CommandLine cli = LoadGenerator.commandLine();
        cli.parseArgs(args);
        return ((LoadGenerator) cli.getCommand()).parameters();
    }

    @Test
    void defaultsDriveTheLocalStack() {
        RunParameters p = parse();
        assertEquals(List.of(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082")), p.senders());
        assertEquals(
                List.of(URI.create("ws://127.0.0.1:8091/ws"), URI.create("ws://127.0.0.1:8092/ws")), p.receivers());
        assertEquals(Workload.DIRECT, p.workload());
        assertEquals(100, p.connections());
        assertEquals(Duration.ofSeconds(30), p.duration());
        assertEquals(Duration.ofSeconds(5), p.warmup());
        assertEquals(RunParameters.TokenSourceKind.DEV, p.tokenSource());
        assertEquals(256, p.httpConcurrency());
        assertTrue(p.runId().matches("[a-z0-9]{6}"));
        assertTrue(p.out().toString().contains("results"));
    }

    @Test
    void theGroupSizeDefaultDependsOnTheWorkload() {
        assertEquals(100, parse("--workload", "groups").groupSize());
        assertEquals(1000, parse("--workload", "BROADCAST").groupSize());
        assertEquals(
                200, parse("--workload", "broadcast", "--group-size", "200").groupSize());
    }

    @Test
    void readsEveryOption() {
        RunParameters p = parse(
                "--senders",
                "http://a:1,http://b:2",
                "--receivers",
                "ws://c:3/ws",
                "--connections",
                "500",
                "--workload",
                "groups",
                "--group-size",
                "50",
                "--rate",
                "1000",
                "--duration",
                "2m",
                "--warmup",
                "500ms",
                "--drain",
                "3s",
                "--token-source",
                "key",
                "--signing-key",
                "../dev-keys/DEV-ONLY-jwt-signing-key.pem",
                "--issuer",
                "iss",
                "--out",
                "/tmp/x",
                "--http-concurrency",
                "64",
                "--request-timeout",
                "2s",
                "--connect-concurrency",
                "10",
                "--message-bytes",
                "512",
                "--run-id",
                "abc");
        assertEquals(2, p.senders().size());
        assertEquals(500, p.connections());
        assertEquals(50, p.groupSize());
        assertEquals(1000, p.rate());
        assertEquals(Duration.ofMinutes(2), p.duration());
        assertEquals(Duration.ofMillis(500), p.warmup());
        assertEquals(RunParameters.TokenSourceKind.KEY, p.tokenSource());
        assertEquals("iss", p.issuer());
        assertEquals("switchboard", p.audience());
        assertEquals(64, p.httpConcurrency());
        assertEquals(512, p.messageBytes());
        assertEquals("abc", p.runId());
        assertEquals("/tmp/x", p.out().toString());
    }

    @Test
    void rejectsImpossibleRuns() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--group-size", "1001", "--workload", "groups"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--connections", "1"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--rate", "0"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--token-source", "key"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--receivers", "http://x:1/ws"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--run-id", "a|b"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--workload", "storm"));
    }

    @Test
    void idleNeedsNoRate() {
        assertEquals(Workload.IDLE, parse("--workload", "idle", "--rate", "0").workload());
    }

    @Test
    void badOptionsExitWith2AndHelpListsEveryOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = LoadGenerator.commandLine().setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--connections", "1"));
        StringWriter help = new StringWriter();
        LoadGenerator.commandLine().usage(new PrintWriter(help));
        for (String option : List.of(
                "--senders",
                "--receivers",
                "--connections",
                "--workload",
                "--group-size",
                "--rate",
                "--duration",
                "--warmup",
                "--drain",
                "--token-source",
                "--signing-key",
                "--issuer",
                "--out",
                "--http-concurrency")) {
            assertTrue(help.toString().contains(option), option);
        }
    }
}
