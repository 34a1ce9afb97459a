package dev.switchboard.receiver.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.JumpHash;
import dev.switchboard.localstack.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classic pub/sub subscription over three independent Redis nodes (the sharded mode): the transport contract,
 * and a node that is away holding up only its own partitions.
 */
class ShardedRedisSubscriptionTest extends EventSubscriptionContract {

    private static Vertx vertx;
    private static List<EmbeddedRedis> nodes;
    private static SubscriptionConfig config;

    @BeforeAll
    static void startNodes() {
        vertx = Vertx.vertx();
        nodes = IntStream.range(0, 3)
                .mapToObj(i -> EmbeddedRedis.startOnFreePort())
                .toList();
        config = quickChecks(Map.of());
    }

    @AfterAll
    static void stopNodes() throws Exception {
        nodes.forEach(EmbeddedRedis::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    protected EventSubscription newSubscription() {
        return new RedisPubSubSubscription(
                vertx, config, nodes.stream().map(EmbeddedRedis::url).toList());
    }

    @Override
    protected void publish(String channel, String payload) {
        send(nodeOf(channel), Request.cmd(Command.PUBLISH).arg(channel).arg(payload));
    }

    @Override
    protected void dropConnections() {
        nodes.forEach(node ->
                send(node, Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")));
    }

    @Override
    protected void stopTransport() {
        nodes.forEach(EmbeddedRedis::stop);
    }

    @Override
    protected void startTransport() {
        nodes.forEach(EmbeddedRedis::start);
    }

    @Test
    void aNodeThatIsAwayHoldsUpOnlyItsOwnPartitions() {
        Recorder recorder = new Recorder();
        EventSubscription subscription = subscribed(recorder);
        int away = JumpHash.bucket(0, nodes.size());
        nodes.get(away).stop();
        await().atMost(WAIT).until(() -> subscription.state() == EventSubscription.State.PARTIAL);
        assertEquals(true, subscription.isServing());

        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            if (JumpHash.bucket(partition, nodes.size()) != away) {
                String channel = CHANNELS.channel(EventType.MESSAGE_ADDED, partition);
                publish(channel, "bystander");
                await().atMost(WAIT).until(() -> recorder.messages.contains(channel + " bystander"));
            }
        }
        assertEquals(List.of(false), recorder.subscriptions, "no restoration while the node is away");

        nodes.get(away).start();
        awaitRestored(recorder);
        assertEquals(EventSubscription.State.SUBSCRIBED, subscription.state());
        assertDeliveryResumes(recorder);
    }

    private static EmbeddedRedis nodeOf(String channel) {
        EventChannels.Route route = CHANNELS.routeOf(channel);
        return nodes.get(route == null ? 0 : JumpHash.bucket(route.partition(), nodes.size()));
    }

    private static void send(EmbeddedRedis node, Request request) {
        Redis client = Redis.createClient(vertx, node.url());
        try {
            client.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis command failed: " + request, e);
        } finally {
            client.close();
        }
    }
}
