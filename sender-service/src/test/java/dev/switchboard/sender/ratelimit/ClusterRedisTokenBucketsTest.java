package dev.switchboard.sender.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.HashSlots;
import dev.switchboard.localstack.RedisCluster;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The buckets on a real Redis Cluster (3 masters, redis-server 7), through the kind of client a sender in cluster mode
 * has: a user's and a chat's bucket usually live on different masters, which a cluster batch refuses.
 */
class ClusterRedisTokenBucketsTest extends RedisTokenBucketsContract {

    private static Vertx vertx;
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        vertx = Vertx.vertx();
        cluster = RedisCluster.start(Path.of("target", "redis-cluster-rate-limits"), 3, 0);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
        vertx.closeAndAwait();
    }

    @Override
    protected RedisTokenBuckets sender() {
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
        cluster.nodes().forEach(node -> options.addConnectionString(node.url()));
        return new RedisTokenBuckets(closedAfterTest(Redis.createClient(vertx, options)), "cluster");
    }

    @Test
    void aCheckRetriedWithTheFullScriptOnOneMasterIsNotTakenTwiceOnAnother() {
        RedisTokenBuckets buckets = sender();
        Check userTake = new Check(Action.SEND, "carol-" + UUID.randomUUID(), new Limit(60, 10), true);
        Check chatTake = new Check(Action.CHAT_SEND, UUID.randomUUID().toString(), new Limit(60, 2), true);
        while (cluster.masterOf(slot(userTake)) == cluster.masterOf(slot(chatTake))) {
            chatTake = new Check(Action.CHAT_SEND, UUID.randomUUID().toString(), new Limit(60, 2), true);
        }
        flushScripts();
        Check chatLook = new Check(Action.CHAT_SEND, chatTake.subject(), chatTake.limit(), false);
        buckets.check(List.of(chatLook)).await().atMost(WAIT); // the chat's master knows the script, the user's not

        assertEquals(
                List.of(0L, 0L),
                buckets.check(List.of(userTake, chatTake)).await().atMost(WAIT));
        assertEquals(
                List.of(0L, 0L),
                buckets.check(List.of(userTake, chatTake)).await().atMost(WAIT));
        assertTrue(
                buckets.check(List.of(userTake, chatTake)).await().atMost(WAIT).get(1) > 0);
    }

    private static int slot(Check check) {
        return HashSlots.slot(check.key(RedisTokenBuckets.KEY_PREFIX));
    }

    @Override
    protected void flushScripts() {
        cluster.masters().forEach(master -> cluster.cli(master, "SCRIPT", "FLUSH"));
    }
}
