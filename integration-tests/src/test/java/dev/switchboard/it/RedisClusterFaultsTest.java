package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.it.testing.FaultScenes;
import dev.switchboard.it.testing.FaultScenes.Scene;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.it.testing.Traffic;
import dev.switchboard.localstack.RedisCluster;
import dev.switchboard.localstack.ServiceProcess;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three senders and three receivers on a real Redis Cluster (3 masters, 3 replicas), traffic flowing through every
 * sender, and the cluster's own failures: a master killed with {@code kill -9} (its replica promoted), a busy
 * partition's slot migrated to another master, and a sender holding partitions killed. After each, every client that
 * applies the documented client rules holds every committed message of its chats exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterFaultsTest {

    private SwitchboardCluster cluster;
    private FaultScenes scenes;

    @BeforeAll
    void startCluster() {
        cluster = SwitchboardCluster.start(
                3, 3, SwitchboardCluster.TEST_TRAFFIC_LIMITS, "rc-", SwitchboardCluster.Topology.CLUSTER);
        scenes = new FaultScenes(cluster);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeSockets() {
        scenes.close();
    }

    @Test
    @Order(1)
    void aMasterKilledMidTrafficIsReplacedByItsReplicaAndEveryClientCatchesUp() {
        Scene scene = scenes.scene("masterkill");
        RedisCluster redis = cluster.redisCluster();
        int slot = slotOf(scene.chats().getFirst().chatId());
        RedisCluster.Node master = redis.masterOf(slot);
        Traffic traffic = scenes.traffic(scene, 20);
        try {
            scenes.awaitMoreCreated(traffic, 20);
            redis.kill(master);
            awaitResyncEverywhere(scene);
            scenes.awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        assertNotEquals(master, redis.masterOf(slot), "the replica serves the slot now");
        scenes.awaitLastCreatedPushed(scene, traffic, scene.sockets());
        scenes.assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        redis.restart(master);
        redis.awaitHealthy();
    }

    @Test
    @Order(2)
    void aBusyPartitionsSlotMigratedMidTrafficIsFollowedAndEveryClientCatchesUp() {
        Scene scene = scenes.scene("migrate");
        RedisCluster redis = cluster.redisCluster();
        int slot = slotOf(scene.chats().getFirst().chatId());
        RedisCluster.Node before = redis.masterOf(slot);
        RedisCluster.Node target =
                redis.masters().stream().filter(m -> m != before).findFirst().orElseThrow();
        Traffic traffic = scenes.traffic(scene, 20);
        try {
            scenes.awaitMoreCreated(traffic, 20);
            redis.migrateSlot(slot, target);
            awaitResyncEverywhere(scene);
            scenes.awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        assertEquals(target, redis.masterOf(slot));
        scenes.awaitLastCreatedPushed(scene, traffic, scene.sockets());
        scenes.assertEveryClientCatchesUp(scene, traffic, scene.sockets());
    }

    @Test
    @Order(3)
    void aSenderHoldingPartitionsKilledMidTrafficLosesNothing() {
        Scene scene = scenes.scene("senderkill");
        await("every partition relayed")
                .atMost(FaultScenes.RECOVERY_TIMEOUT)
                .until(() -> cluster.everyPartitionRelayedOnce(scenes.api()));
        ServiceProcess victim =
                cluster.relayOf(scenes.api(), scene.chats().getFirst().chatId()).orElseThrow();
        Traffic traffic = scenes.traffic(scene, 20);
        try {
            scenes.awaitMoreCreated(traffic, 20);
            victim.kill();
            scenes.awaitMoreCreated(traffic, 30);
        } finally {
            traffic.close();
        }
        await("the live senders relay every partition between them")
                .atMost(FaultScenes.RECOVERY_TIMEOUT)
                .until(() -> cluster.everyPartitionRelayedOnce(scenes.api()));
        // Redis did not fail: nothing is missed, every 201 reaches every member without a resync.
        scenes.awaitLastCreatedPushed(scene, traffic, scene.sockets());
        scenes.assertEveryCreatedMessagePushed(scene, traffic);
        scenes.assertEveryClientCatchesUp(scene, traffic, scene.sockets());
        cluster.restartSender(victim);
    }

    private static int slotOf(String chatId) {
        return SwitchboardCluster.PARTITIONS.slot(SwitchboardCluster.PARTITIONS.of(UUID.fromString(chatId)));
    }

    private static void awaitResyncEverywhere(Scene scene) {
        for (SocketClient socket : scene.sockets()) {
            await("resync at " + socket).atMost(FaultScenes.RECOVERY_TIMEOUT).until(() -> socket.count("resync") >= 1);
        }
    }
}
