package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged apps, started with a setting their configuration mapping refuses, do not start at all, and their log
 * names the key to fix: the operator learns at deploy time, not at the first request.
 */
@ExtendWith(SharedCluster.class)
class StartupRefusalTest {

    @Test
    void aSenderWithAnEmptyRelayBatchRefusesToStartNamingTheKey(SwitchboardCluster cluster) throws IOException {
        assertRefusesToStart(
                cluster.launchExtra("sender", "sender-misconfigured", Map.of("SWITCHBOARD_OUTBOX_BATCH_SIZE", "0")),
                "switchboard.outbox.batch-size");
    }

    @Test
    void aSenderWithAnotherPartitionCountThanTheDeploymentsRefusesToStart(SwitchboardCluster cluster)
            throws IOException {
        assertRefusesToStart(
                cluster.launchExtra("sender", "sender-other-partitions", Map.of("SWITCHBOARD_PARTITIONS", "32")),
                "switchboard.partitions is 32 but this deployment's database records 64");
    }

    @Test
    void aReceiverWhoseIdleTimeoutIsShorterThanTwoHeartbeatsRefusesToStart(SwitchboardCluster cluster)
            throws IOException {
        assertRefusesToStart(
                cluster.launchExtra(
                        "receiver", "receiver-misconfigured", Map.of("SWITCHBOARD_SOCKET_IDLE_TIMEOUT", "45s")),
                "switchboard.socket.idle-timeout");
    }

    private static void assertRefusesToStart(ServiceProcess process, String key) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
            String log = Files.readString(process.logFile());
            assertTrue(log.contains(key), "the log of " + process.name() + " does not name " + key + ":\n" + log);
        } finally {
            process.kill();
        }
    }
}
