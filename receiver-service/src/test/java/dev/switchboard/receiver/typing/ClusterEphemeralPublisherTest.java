package dev.switchboard.receiver.typing;

import dev.switchboard.localstack.RedisCluster;
import dev.switchboard.receiver.redis.RedisPartitionClients;
import dev.switchboard.receiver.subscription.EventSubscription;
import dev.switchboard.receiver.subscription.RedisClusterSubscription;
import dev.switchboard.runtime.RedisMode;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A real Redis Cluster (3 masters, redis-server 7): the gate in the partition's slot, SPUBLISH from the script. */
class ClusterEphemeralPublisherTest extends EphemeralPublisherContract {

    private static Vertx vertx;
    private static RedisCluster cluster;
    private static EphemeralPublisher publisher;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        cluster = RedisCluster.start(Path.of("target", "redis-cluster-ephemeral"), 3, 0);
        publisher = new RedisEphemeralPublisher(RedisPartitionClients.of(vertx, RedisMode.CLUSTER, seeds(), List.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<String> seeds() {
        return cluster.nodes().stream().map(RedisCluster.Node::url).toList();
    }

    @Override
    protected EphemeralPublisher publisher() {
        return publisher;
    }

    @Override
    protected EventSubscription subscription() {
        return new RedisClusterSubscription(vertx, SUBSCRIPTION, seeds());
    }
}
