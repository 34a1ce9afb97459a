package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.testing.FaultScenes;
import dev.switchboard.it.testing.FaultScenes.Scene;
import dev.switchboard.it.testing.SharedCluster;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.it.testing.Traffic;
import dev.switchboard.localstack.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults injected into the running cluster while traffic flows. Each test ends with what a client holds after it
 * applied {@code resync} and history: the full contiguous seq range of each of its chats, each message once, with
 * every process recovered by itself.
 */
@ExtendWith(SharedCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureRecoveryTest {

    private static final Duration RECOVERY_TIMEOUT = FaultScenes.RECOVERY_TIMEOUT;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private SwitchboardCluster cluster;
    private FaultScenes scenes;

    @BeforeAll
    void borrowCluster(SwitchboardCluster shared) {
        cluster = shared;
        scenes = new FaultScenes(shared);
    }

    @AfterEach
    void closeSockets() {
        scenes.close();
    }

    private Scene scene(String prefix) {
        return scenes.scene(prefix);
    }

    private Traffic traffic(Scene scene) {
        return scenes.traffic(scene, 15);
    }

    private void awaitMoreCreated(Traffic traffic, int more) {
        scenes.awaitMoreCreated(traffic, more);
    }

    private void awaitLastCreatedPushed(Scene scene, Traffic traffic, List<SocketClient> holders) {
        scenes.awaitLastCreatedPushed(scene, traffic, holders);
    }

    private void assertEveryClientCatchesUp(Scene scene, Traffic traffic, List<SocketClient> holders) {
        scenes.assertEveryClientCatchesUp(scene, traffic, holders);
    }

    private boolean ready(ServiceProcess service) {
        return scenes.ready(service);
    }

    @Test
    @Order(1)
    void redisStoppedAndRestartedMidTrafficLosesNothingAndClientsAreToldToResync() {
        Scene scene = scene("redis");
        List<Long> pids = pids();
        Traffic traffic = traffic(scene);
        try {
            awaitMoreCreated(traffic, 20);
            cluster.redis().stop();
            for (ServiceProcess receiver : cluster.receivers()) {
                await(receiver.name() + " not ready without Redis")
                        .atMost(RECOVERY_TIMEOUT)
                        .until(() -> !ready(receiver));
            }
            // Senders keep committing while Redis is away: the outbox holds the events.
            awaitMoreCreated(traffic, 20);
            cluster.redis().start();
            cluster.awaitAllReady(READY_TIMEOUT);
            for (SocketClient socket : scene.sockets()) {
                await("resync at " + socket).atMost(RECOVERY_TIMEOUT).until(() -> socket.count("resync") >= 1);
            }
            awaitMoreCreated(traffic, 20);
        } finally {
            traffic.close();
        }
        awaitLastCreatedPushed(scene, traffic, scene.sockets());
        assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        assertEquals(pids, pids(), "no process was restarted");
    }

    @Test
    @Order(2)
    void killingASenderThatRelaysPartitionsMidTrafficStillDeliversEveryCreatedMessage() {
        Scene scene = scene("relaykill");
        await("every partition relayed")
                .atMost(RECOVERY_TIMEOUT)
                .until(() -> cluster.everyPartitionRelayedOnce(scenes.api()));
        ServiceProcess leader =
                cluster.relayOf(scenes.api(), scene.chats().getFirst().chatId()).orElseThrow();
        Traffic traffic = traffic(scene);
        try {
            awaitMoreCreated(traffic, 30);
            leader.kill();
            awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        // No Redis outage here, so no resync: the survivor's relay must push everything, including whatever the
        // dead sender's relay had read but not yet published.
        awaitLastCreatedPushed(scene, traffic, scene.sockets());
        scenes.assertEveryCreatedMessagePushed(scene, traffic);
        assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        cluster.restartSender(leader);
    }

    @Test
    @Order(3)
    void killingAReceiverMovesItsClientsToAnotherThatCatchUpByHistory() {
        Scene scene = scene("receiverkill");
        ServiceProcess victim = cluster.receiver(0);
        ServiceProcess survivor = cluster.receiver(1);
        Traffic traffic = traffic(scene);
        List<SocketClient> holders = new ArrayList<>(scene.sockets());
        try {
            awaitMoreCreated(traffic, 20);
            victim.kill();
            for (SocketClient socket : scene.sockets()) {
                if (socket.receiverName().equals(victim.name())) {
                    await("close noticed by " + socket)
                            .atMost(RECOVERY_TIMEOUT)
                            .until(() -> socket.closeCode() != null);
                    // The client reconnects elsewhere and keeps what it already had: the old socket's messages
                    // stay in its replica below, the new socket's are added.
                    holders.add(scenes.connect(socket.userId(), survivor));
                }
            }
            awaitMoreCreated(traffic, 20);
        } finally {
            traffic.close();
        }
        awaitLastCreatedPushed(
                scene,
                traffic,
                holders.stream().filter(s -> s.closeCode() == null).toList());
        assertEveryClientCatchesUp(scene, traffic, holders);
        cluster.restartReceiver(victim);
    }

    @Test
    @Order(4)
    void postgresStoppedAndStartedGivesFast503sAndEverythingRecoversByItself() {
        Scene scene = scene("postgres");
        List<Long> pids = pids();
        Traffic traffic = traffic(scene);
        try {
            awaitMoreCreated(traffic, 20);
            int failuresBefore = traffic.failures().size();
            cluster.database().stop();
            await("sends failing while PostgreSQL is down")
                    .atMost(RECOVERY_TIMEOUT)
                    .until(() -> traffic.failures().size() >= failuresBefore + 10);
            cluster.database().start();
            awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        for (Traffic.Failure failure : traffic.failures()) {
            assertEquals(503, failure.status(), "a send during the outage answered " + failure);
            assertTrue(failure.millis() < 10_000, "a send during the outage hung for " + failure.millis() + " ms");
        }
        awaitLastCreatedPushed(scene, traffic, scene.sockets());
        assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        cluster.awaitAllReady(READY_TIMEOUT);
        assertEquals(pids, pids(), "no process was restarted");
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        cluster.senders().forEach(s -> pids.add(s.pid()));
        cluster.receivers().forEach(r -> pids.add(r.pid()));
        return pids;
    }
}
