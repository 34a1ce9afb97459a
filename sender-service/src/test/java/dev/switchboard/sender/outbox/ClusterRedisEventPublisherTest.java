package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.switchboard.localstack.RedisCluster;
import dev.switchboard.sender.redis.RedisClusterLink;
import dev.switchboard.sender.testing.RedisSubscription;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher in cluster mode against a real Redis Cluster (3 masters, 3 replicas, redis-server 7): the contract,
 * through the application's kind of client (a cluster client routing each script by its fence key's slot, SPUBLISH
 * inside), and a partition that keeps publishing after its slot moved to another master.
 */
class ClusterRedisEventPublisherTest extends EventPublisherContract {

    private static Vertx vertx;
    private static RedisCluster cluster;
    private Redis client;
    private RedisEventPublisher publisher;

    @BeforeAll
    static void startCluster() {
        vertx = Vertx.vertx();
        cluster = RedisCluster.start(Path.of("target", "redis-cluster-publisher"), 3, 1);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void relayUserMayPublishEverywhere() {
        cluster.nodes().forEach(cluster::restart);
        cluster.awaitHealthy();
        cluster.nodes().forEach(node -> RedisAcl.mayPublishEverywhere(vertx, node.url()));
        connect();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Override
    protected EventPublisher publisher() {
        return publisher;
    }

    @Override
    protected Tap tap() {
        List<RedisSubscription> perMaster = new ArrayList<>();
        for (RedisCluster.Node master : cluster.masters()) {
            List<String> channels = IntStream.range(0, CHANNELS.partitions().count())
                    .filter(p -> cluster.masterOf(CHANNELS.partitions().slot(p)) == master)
                    .boxed()
                    .flatMap(p -> CHANNELS.ofPartition(p).stream())
                    .toList();
            perMaster.add(RedisSubscription.ssubscribeAt(vertx, master.url(), channels));
        }
        return new Tap() {
            @Override
            public List<Received> received() {
                List<Received> all = new ArrayList<>();
                perMaster.forEach(s -> s.received().forEach(r -> all.add(new Received(r.channel(), r.payload()))));
                return all;
            }

            @Override
            public void close() {
                perMaster.forEach(RedisSubscription::close);
            }
        };
    }

    @Override
    protected void refuse(String eventType) {
        cluster.nodes().forEach(node -> RedisAcl.mayPublishAllBut(vertx, node.url(), eventType));
        client.close();
        connect();
    }

    @Override
    protected void stopTransport() {
        cluster.nodes().forEach(cluster::kill);
    }

    @Test
    void aPartitionWhoseSlotMovedIsPublishedOnItsNewMaster() {
        int partition = 30;
        int slot = CHANNELS.partitions().slot(partition);
        RedisCluster.Node before = cluster.masterOf(slot);
        UUID chat = chatIn(partition);
        long epoch = System.currentTimeMillis();
        assertInstanceOf(PublishResult.Published.class, publish(partition, epoch, row(1, chat, "messageAdded")));

        RedisCluster.Node target =
                cluster.masters().stream().filter(m -> m != before).findFirst().orElseThrow();
        cluster.migrateSlot(slot, target);
        assertEquals(target, cluster.masterOf(slot));

        try (Tap tap = tap()) {
            assertInstanceOf(PublishResult.Published.class, publish(partition, epoch, row(2, chat, "messageAdded")));
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> tap.received().size() == 1);
            // The fence key moved with the slot: an older epoch is still refused there.
            assertInstanceOf(PublishResult.Fenced.class, publish(partition, epoch - 1, row(3, chat, "messageAdded")));
        }
    }

    private PublishResult publish(int partition, long epoch, OutboxRow row) {
        return publisher
                .publish(new EventPublisher.PartitionBatch(partition, epoch, List.of(row)))
                .await()
                .atMost(WAIT)
                .getFirst();
    }

    private void connect() {
        RedisOptions options =
                new RedisOptions().setType(RedisClientType.CLUSTER).setMaxPoolWaiting(100);
        cluster.nodes().forEach(node -> options.addConnectionString(RedisAcl.asRelay(node.url())));
        client = Redis.createClient(vertx, options);
        RedisClusterLink link = new RedisClusterLink(client);
        publisher = new RedisEventPublisher(partition -> link::send, CHANNELS, "SPUBLISH", List.of());
    }
}
