package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.JumpHash;
import dev.switchboard.it.testing.FaultScenes;
import dev.switchboard.it.testing.FaultScenes.Scene;
import dev.switchboard.it.testing.SocketClient;
import dev.switchboard.it.testing.SwitchboardCluster;
import dev.switchboard.it.testing.Traffic;
import dev.switchboard.localstack.EmbeddedRedis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Senders and receivers on three independent Redis nodes (the sharded mode). One node stopped and started mid-traffic
 * holds up only the partitions that live on it: a chat in another partition keeps its delivery latency throughout,
 * and afterwards every client holds every committed message of its chats exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedRedisFaultsTest {

    private SwitchboardCluster cluster;
    private FaultScenes scenes;

    @BeforeAll
    void startCluster() {
        cluster = SwitchboardCluster.start(
                2, 2, SwitchboardCluster.TEST_TRAFFIC_LIMITS, "sharded-", SwitchboardCluster.Topology.SHARDED);
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
    void aNodeStoppedAndStartedHoldsUpOnlyItsOwnPartitionsAndEveryClientCatchesUp() {
        List<EmbeddedRedis> nodes = cluster.shards();
        Scene victim = pairOnNode("victim", 0);
        Scene bystander = pairOnNode("bystander", 1);
        Scene both = new Scene(
                Stream.concat(victim.chats().stream(), bystander.chats().stream())
                        .toList(),
                Stream.concat(victim.sockets().stream(), bystander.sockets().stream())
                        .toList());
        Traffic traffic = scenes.traffic(both, 25);
        Instant outageStart;
        Instant outageEnd;
        try {
            scenes.awaitMoreCreated(traffic, 20);
            outageStart = Instant.now();
            nodes.get(0).stop();
            scenes.awaitMoreCreated(traffic, 60);
            outageEnd = Instant.now();
            nodes.get(0).start();
            for (SocketClient socket : both.sockets()) {
                await("resync at " + socket)
                        .atMost(FaultScenes.RECOVERY_TIMEOUT)
                        .until(() -> socket.count("resync") >= 1);
            }
            scenes.awaitMoreCreated(traffic, 20);
        } finally {
            traffic.close();
        }
        scenes.awaitLastCreatedPushed(both, traffic, both.sockets());
        scenes.assertEveryClientCatchesUp(both, traffic, both.sockets());

        String bystanderChat = bystander.chats().getFirst().chatId();
        List<Long> latencies = new ArrayList<>();
        for (SocketClient socket : bystander.sockets()) {
            for (SocketClient.Frame frame : socket.events("messageAdded")) {
                JsonNode message = frame.json().path("data");
                Instant created = Instant.parse(message.path("createdAt").asText());
                if (bystanderChat.equals(message.path("chatId").asText())
                        && created.isAfter(outageStart)
                        && created.isBefore(outageEnd)) {
                    latencies.add(frame.arrivedAtEpochMillis() - created.toEpochMilli());
                }
            }
        }
        latencies.sort(null);
        System.out.printf(
                "bystander deliveries during the outage: %d, p50 %d ms, max %d ms%n",
                latencies.size(), latencies.get(latencies.size() / 2), latencies.getLast());
        assertTrue(latencies.size() >= 10, "the bystander chat kept flowing: " + latencies.size() + " deliveries");
        assertTrue(latencies.getLast() < 2_000, "a bystander waited " + latencies.getLast() + " ms");
        // The victim chat's events of the outage waited in the outbox and reached its members only after the restart.
        String victimChat = victim.chats().getFirst().chatId();
        for (SocketClient socket : victim.sockets()) {
            for (SocketClient.Frame frame : socket.events("messageAdded")) {
                JsonNode message = frame.json().path("data");
                Instant created = Instant.parse(message.path("createdAt").asText());
                if (victimChat.equals(message.path("chatId").asText())
                        && created.isAfter(outageStart.plusMillis(500))
                        && created.isBefore(outageEnd)) {
                    assertTrue(
                            frame.arrivedAtEpochMillis() >= outageEnd.toEpochMilli(),
                            "seq " + message.path("seq")
                                    + " of the stopped node's partition arrived during the outage");
                }
            }
        }
    }

    /** A chat of two users whose partition lives on the given node, with sockets on both receivers. */
    private Scene pairOnNode(String prefix, int node) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Scene scene = scenes.pair(prefix + attempt, cluster.receiver(0), cluster.receiver(1));
            int partition = SwitchboardCluster.PARTITIONS.of(
                    UUID.fromString(scene.chats().getFirst().chatId()));
            if (JumpHash.bucket(partition, cluster.shards().size()) == node) {
                return scene;
            }
            scene.sockets().forEach(SocketClient::close);
        }
        throw new IllegalStateException("no chat landed on node " + node + " in 50 tries");
    }
}
