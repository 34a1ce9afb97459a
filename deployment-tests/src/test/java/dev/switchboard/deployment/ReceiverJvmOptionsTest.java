package dev.switchboard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.deployment.testing.ChartValues;
import dev.switchboard.deployment.testing.Project;
import dev.switchboard.deployment.testing.RenderedChart;
import dev.switchboard.localstack.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receiver's JVM flags have one home, receiver-service/src/main/docker/jvm-options, read here as the local stack
 * reads it ({@link ProjectLayout#receiverJvmOptions}): the image, the chart and the local stack run with the same ones, and every container memory limit the chart
 * renders leaves room beside the heap for direct buffers, the JVM itself and the kernel's socket memory.
 */
class ReceiverJvmOptionsTest {

    static final Path DOCKERFILE = Project.path("receiver-service/src/main/docker/Dockerfile.jvm");
    static final String LOG_MANAGER = "-Djava.util.logging.manager=org.jboss.logmanager.LogManager";
    static final long GIB = 1L << 30;
    /** Off-heap budget: 256 MiB of direct buffers, about 300 MiB of JVM, about 4 KiB of kernel memory per socket. */
    static final long NON_HEAP = GIB;

    static List<String> shippedFlags() {
        return new ProjectLayout(Project.ROOT).receiverJvmOptions();
    }

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("chart defaults", RenderedChart.testCluster(Map.of())),
                Arguments.of("values-production.yaml", RenderedChart.production()));
    }

    @Test
    void theImageRunsWithTheShippedFlags() throws IOException {
        Matcher env = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"$").matcher(Files.readString(DOCKERFILE));
        assertTrue(env.find(), "Dockerfile.jvm sets JAVA_OPTS (replacing the base image's ParallelGC defaults)");
        List<String> expected = new ArrayList<>(shippedFlags());
        expected.add(LOG_MANAGER);
        assertEquals(expected, Arrays.asList(env.group(1).split(" ")));
    }

    @Test
    void theChartDefaultIsTheShippedFlags() {
        String chartDefault =
                ChartValues.defaults().path("receiver").path("jvmOptions").asText();
        assertEquals(shippedFlags(), Arrays.asList(chartDefault.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void theMemoryLimitHoldsTheHeapAndWhatLivesBesideIt(String name, RenderedChart chart) {
        var receiver = chart.deployment("receiver");
        String javaOpts = chart.environment(receiver).get("JAVA_OPTS");
        assertTrue(javaOpts != null && javaOpts.endsWith(" " + LOG_MANAGER), "JAVA_OPTS rendered: " + javaOpts);
        long heap = maxHeap(javaOpts);
        String limit = RenderedChart.container(receiver)
                .path("resources")
                .path("limits")
                .path("memory")
                .asText();
        assertTrue(
                quantity(limit) >= heap + NON_HEAP,
                "limits.memory " + limit + " must be at least -Xmx (" + heap + " B) plus 1 GiB");
    }

    @Test
    void anEmptyValueLeavesTheImageFlags() {
        RenderedChart chart = RenderedChart.testCluster(Map.of("receiver.jvmOptions", ""));
        assertFalse(chart.environment(chart.deployment("receiver")).containsKey("JAVA_OPTS"));
    }

    @Test
    void quantitiesAreReadAsKubernetesAndTheJvmWriteThem() {
        assertEquals(3 * GIB, quantity("3Gi"));
        assertEquals(1536L << 20, quantity("1536Mi"));
        assertEquals(2 * GIB, maxHeap("-Xms64m -Xmx2g"));
        assertEquals(512L << 20, maxHeap("-Xmx512m"));
    }

    static long maxHeap(String javaOpts) {
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([kKmMgG])").matcher(javaOpts);
        assertTrue(xmx.find(), "an explicit -Xmx in " + javaOpts);
        long value = Long.parseLong(xmx.group(1));
        return switch (Character.toLowerCase(xmx.group(2).charAt(0))) {
            case 'k' -> value << 10;
            case 'm' -> value << 20;
            default -> value << 30;
        };
    }

    static long quantity(String kubernetes) {
        Matcher q = Pattern.compile("(\\d+)(Ki|Mi|Gi)").matcher(kubernetes);
        assertTrue(q.matches(), "a binary memory quantity: " + kubernetes);
        long value = Long.parseLong(q.group(1));
        return switch (q.group(2)) {
            case "Ki" -> value << 10;
            case "Mi" -> value << 20;
            default -> value << 30;
        };
    }
}
