package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.JumpHash;
import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.sender.testing.RedisSubscription;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
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
 * The publisher in sharded mode against three real, independent Redis nodes: the contract, and each partition's
 * events on the node jump hash gives it, and nowhere else.
 */
class ShardedRedisEventPublisherTest extends EventPublisherContract {

    private static Vertx vertx;
    private static List<EmbeddedRedis> nodes;
    private List<Redis> clients = List.of();
    private RedisEventPublisher publisher;

    @BeforeAll
    static void startNodes() {
        vertx = Vertx.vertx();
        nodes = IntStream.range(0, 3)
                .mapToObj(i -> EmbeddedRedis.startOnFreePort())
                .toList();
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(EmbeddedRedis::close);
        vertx.closeAndAwait();
    }

    @BeforeEach
    void relayUserMayPublishEverywhere() {
        nodes.forEach(EmbeddedRedis::start);
        nodes.forEach(node -> RedisAcl.mayPublishEverywhere(vertx, node.url()));
        connect();
    }

    @AfterEach
    void closeClients() {
        publisher.close();
    }

    @Override
    protected EventPublisher publisher() {
        return publisher;
    }

    @Override
    protected Tap tap() {
        List<RedisSubscription> subscriptions = nodes.stream()
                .map(node -> RedisSubscription.subscribeAt(
                        vertx, node.url(), CHANNELS.all().toArray(String[]::new)))
                .toList();
        return new Tap() {
            @Override
            public List<Received> received() {
                List<Received> all = new ArrayList<>();
                subscriptions.forEach(s -> s.received().forEach(r -> all.add(new Received(r.channel(), r.payload()))));
                return all;
            }

            @Override
            public void close() {
                subscriptions.forEach(RedisSubscription::close);
            }
        };
    }

    @Override
    protected void refuse(String eventType) {
        nodes.forEach(node -> RedisAcl.mayPublishAllBut(vertx, node.url(), eventType));
        publisher.close();
        connect();
    }

    @Override
    protected void stopTransport() {
        nodes.forEach(EmbeddedRedis::stop);
    }

    @Test
    void eachPartitionIsPublishedOnItsJumpHashNodeOnly() {
        List<RedisSubscription> perNode = nodes.stream()
                .map(node -> RedisSubscription.subscribeAt(
                        vertx, node.url(), CHANNELS.all().toArray(String[]::new)))
                .toList();
        try {
            for (int partition = 0; partition < 8; partition++) {
                UUID chat = chatIn(partition);
                publisher()
                        .publish(new EventPublisher.PartitionBatch(
                                partition, 1, List.of(row(partition + 1, chat, "messageAdded"))))
                        .await()
                        .atMost(WAIT);
            }
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .until(() ->
                            perNode.stream().mapToInt(s -> s.received().size()).sum() == 8);
            for (int partition = 0; partition < 8; partition++) {
                String channel = CHANNELS.channel("messageAdded", partition);
                int expected = JumpHash.bucket(partition, nodes.size());
                for (int node = 0; node < nodes.size(); node++) {
                    assertEquals(
                            node == expected ? 1 : 0,
                            perNode.get(node).on(channel).size(),
                            "partition " + partition + " on node " + node);
                }
            }
        } finally {
            perNode.forEach(RedisSubscription::close);
        }
    }

    private void connect() {
        clients = nodes.stream()
                .map(node ->
                        Redis.createClient(vertx, new RedisOptions().setConnectionString(RedisAcl.asRelay(node.url()))))
                .toList();
        List<Redis> shards = clients;
        publisher = new RedisEventPublisher(
                partition -> shards.get(JumpHash.bucket(partition, shards.size()))::send, CHANNELS, "PUBLISH", shards);
    }
}
