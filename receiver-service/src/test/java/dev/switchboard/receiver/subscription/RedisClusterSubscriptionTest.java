package dev.switchboard.receiver.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.localstack.RedisCluster;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sharded pub/sub on a real Redis Cluster (3 masters, 3 replicas, redis-server 7): the transport contract, and the
 * cluster's own changes: a master killed (its replica promoted) and a partition's slot migrated to another master are
 * each followed by a restoration (resync) and delivery at the partition's new master.
 */
class RedisClusterSubscriptionTest extends EventSubscriptionContract {

    private static Vertx vertx;
    private static RedisCluster cluster;
    private static SubscriptionConfig config;
    private static Redis publisher;
    /** One connection of the cluster client for every publish (the client alone would read the topology each time). */
    private static RedisConnection connection;

    @BeforeAll
    static void startCluster() {
        vertx = Vertx.vertx();
        cluster = RedisCluster.start(Path.of("target", "redis-cluster-subscription"), 3, 1);
        config = quickChecks(Map.of(
                "switchboard.subscription.reconnect-max-backoff", "500ms",
                "switchboard.subscription.topology-refresh-interval", "1s"));
        connectPublisher();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        publisher.close();
        cluster.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void everyNodeBack() {
        cluster.nodes().forEach(cluster::restart);
        cluster.awaitHealthy();
    }

    @Override
    protected EventSubscription newSubscription() {
        return new RedisClusterSubscription(
                vertx, config, List.of(cluster.seeds().split(",")));
    }

    @Override
    protected void publish(String channel, String payload) {
        // No first poll delay: most publishes go through at once; only a changing cluster needs the retries.
        await().atMost(WAIT)
                .pollDelay(java.time.Duration.ZERO)
                .ignoreExceptions()
                .until(() -> {
                    publisher
                            .send(Request.cmd(Command.SPUBLISH).arg(channel).arg(payload))
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(5, TimeUnit.SECONDS);
                    return true;
                });
    }

    @Override
    protected void dropConnections() {
        for (RedisCluster.Node master : cluster.masters()) {
            cluster.cli(master, "CLIENT", "KILL", "TYPE", "pubsub");
        }
    }

    @Override
    protected void stopTransport() {
        cluster.nodes().forEach(cluster::kill);
    }

    @Override
    protected void startTransport() {
        cluster.nodes().forEach(cluster::restart);
        cluster.awaitHealthy();
        publisher.close();
        connectPublisher();
    }

    @Test
    void aKilledMastersPartitionsAreSubscribedAtItsPromotedReplica() {
        Recorder recorder = new Recorder();
        subscribed(recorder);
        int slot = CHANNELS.partitions().slot(0);
        RedisCluster.Node master = cluster.masterOf(slot);

        cluster.kill(master);

        awaitRestored(recorder);
        assertNotEquals(master, cluster.masterOf(slot), "a replica took over the slot");
        assertDeliveryResumes(recorder);
    }

    @Test
    void aMigratedSlotIsFollowedToItsNewMaster() {
        Recorder recorder = new Recorder();
        subscribed(recorder);
        int slot = CHANNELS.partitions().slot(1);
        RedisCluster.Node before = cluster.masterOf(slot);
        RedisCluster.Node target =
                cluster.masters().stream().filter(m -> m != before).findFirst().orElseThrow();

        cluster.migrateSlot(slot, target);

        awaitRestored(recorder);
        assertEquals(target, cluster.masterOf(slot));
        assertDeliveryResumes(recorder);
        cluster.migrateSlot(slot, before);
    }

    private static void connectPublisher() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
        cluster.nodes().forEach(node -> options.addConnectionString(node.url()));
        publisher = Redis.createClient(vertx, options);
    }
}
