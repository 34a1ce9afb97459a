package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.sender.testing.RedisSubscription;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.impl.types.ErrorType;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis pub/sub publisher against a real standalone Redis: the contract, with refusals made by an ACL that denies
 * the relay's user a channel. Its own rules on top: which error replies are refusals.
 */
class RedisEventPublisherTest extends EventPublisherContract {

    private static Vertx vertx;
    private static EmbeddedRedis redis;
    private Redis client;
    private RedisEventPublisher publisher;

    @BeforeAll
    static void startRedis() {
        vertx = Vertx.vertx();
        redis = EmbeddedRedis.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void relayUserMayPublishEverywhere() {
        redis.start();
        RedisAcl.mayPublishEverywhere(vertx, redis.url());
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
        RedisSubscription subscription =
                RedisSubscription.subscribeAt(vertx, redis.url(), CHANNELS.all().toArray(String[]::new));
        return new Tap() {
            @Override
            public List<Received> received() {
                return subscription.received().stream()
                        .map(r -> new Received(r.channel(), r.payload()))
                        .toList();
            }

            @Override
            public void close() {
                subscription.close();
            }
        };
    }

    @Override
    protected void refuse(String eventType) {
        RedisAcl.mayPublishAllBut(vertx, redis.url(), eventType);
        client.close();
        connect();
    }

    private void connect() {
        client = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString(RedisAcl.asRelay(redis.url()))
                        .setMaxPoolWaiting(10));
        Redis connected = client;
        publisher = new RedisEventPublisher(partition -> connected::send, CHANNELS, "PUBLISH", List.of());
    }

    @Override
    protected void stopTransport() {
        redis.stop();
    }

    @Test
    void theFenceKeySharesItsPartitionsSlot() {
        for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
            assertEquals(
                    CHANNELS.partitions().slot(partition),
                    dev.switchboard.events.HashSlots.slot(publisher.fenceKey(partition)));
        }
    }

    @Test
    void errorRepliesAboutTheServersStateAreNotRefusals() {
        assertTrue(RedisEventPublisher.isRefusal(new CompletionException(ErrorType.create("NOPERM no permissions"))));
        assertTrue(RedisEventPublisher.isRefusal(ErrorType.create("ERR Protocol error: invalid bulk length")));
        assertFalse(RedisEventPublisher.isRefusal(ErrorType.create("LOADING Redis is loading the dataset in memory")));
        assertFalse(RedisEventPublisher.isRefusal(
                ErrorType.create("OOM command not allowed when used memory > 'maxmemory'")));
        assertFalse(RedisEventPublisher.isRefusal(ErrorType.create("BUSY Redis is busy running a script")));
        assertFalse(RedisEventPublisher.isRefusal(new CompletionException(new ConnectException("Connection refused"))));
        assertFalse(RedisEventPublisher.isRefusal(new TimeoutException()));
    }
}
