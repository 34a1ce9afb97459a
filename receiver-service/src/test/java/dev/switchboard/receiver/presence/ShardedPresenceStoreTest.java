package dev.switchboard.receiver.presence;

import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.receiver.redis.RedisPartitionClients;
import dev.switchboard.receiver.subscription.EventSubscription;
import dev.switchboard.receiver.subscription.RedisPubSubSubscription;
import dev.switchboard.runtime.RedisMode;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Three independent Redis nodes (sharded): a user's keys and channel on their partition's node. */
class ShardedPresenceStoreTest extends PresenceStoreContract {

    private static Vertx vertx;
    private static List<EmbeddedRedis> nodes;
    private static PresenceStore store;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        nodes = IntStream.range(0, 3)
                .mapToObj(i -> EmbeddedRedis.startOnFreePort())
                .toList();
        store = new RedisPresenceStore(
                RedisPartitionClients.of(
                        vertx,
                        RedisMode.SHARDED,
                        List.of(),
                        nodes.stream().map(EmbeddedRedis::url).toList()),
                CHANNELS);
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.forEach(EmbeddedRedis::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    protected PresenceStore store() {
        return store;
    }

    @Override
    protected EventSubscription subscription() {
        return new RedisPubSubSubscription(
                vertx, SUBSCRIPTION, nodes.stream().map(EmbeddedRedis::url).toList());
    }
}
