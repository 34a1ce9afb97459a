package dev.switchboard.sender.testing;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Partitions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plain Redis connection of its own that SUBSCRIBEs like a receiver would, and records what arrives, in order.
 */
public final class RedisSubscription implements AutoCloseable {

    /** The channels of the default configuration (prefix, partition count), as the application under test uses. */
    public static final EventChannels CHANNELS =
            new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(Partitions.DEFAULT_COUNT));

    public record Received(String channel, String payload) {}

    private final Redis client;
    private final RedisConnection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RedisSubscription(Redis client, RedisConnection connection) {
        this.client = client;
        this.connection = connection;
    }

    /** On the application's Redis (quarkus.redis.hosts). */
    public static RedisSubscription subscribe(Vertx vertx, String... channels) {
        return subscribeAt(vertx, ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class), channels);
    }

    /** Every partition's channel of these event types, on the application's Redis. */
    public static RedisSubscription subscribe(Vertx vertx, EventType... types) {
        return subscribeAt(vertx, ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class), types);
    }

    public static RedisSubscription subscribeAt(Vertx vertx, String url, EventType... types) {
        List<String> channels = new ArrayList<>();
        for (EventType type : types) {
            for (int partition = 0; partition < CHANNELS.partitions().count(); partition++) {
                channels.add(CHANNELS.channel(type, partition));
            }
        }
        return subscribeAt(vertx, url, channels.toArray(String[]::new));
    }

    public static RedisSubscription subscribeAt(Vertx vertx, String url, String... channels) {
        Redis client = Redis.createClient(
                vertx, new RedisOptions().setConnectionString(url).setPreferredProtocolVersion(ProtocolVersion.RESP2));
        RedisConnection connection = client.connect().await().atMost(Duration.ofSeconds(5));
        RedisSubscription subscription = new RedisSubscription(client, connection);
        connection.handler(subscription::onMessage);
        Request subscribe = Request.cmd(Command.SUBSCRIBE);
        for (String channel : channels) {
            subscribe.arg(channel);
        }
        connection.send(subscribe).await().atMost(Duration.ofSeconds(5));
        return subscription;
    }

    /** Sharded pub/sub on one node of a cluster: one SSUBSCRIBE per channel (each is one slot). */
    public static RedisSubscription ssubscribeAt(Vertx vertx, String url, List<String> channels) {
        Redis client = Redis.createClient(
                vertx, new RedisOptions().setConnectionString(url).setPreferredProtocolVersion(ProtocolVersion.RESP2));
        RedisConnection connection = client.connect().await().atMost(Duration.ofSeconds(5));
        RedisSubscription subscription = new RedisSubscription(client, connection);
        connection.handler(subscription::onMessage);
        for (String channel : channels) {
            connection
                    .send(Request.cmd(Command.SSUBSCRIBE).arg(channel))
                    .await()
                    .atMost(Duration.ofSeconds(5));
        }
        // SSUBSCRIBE has no reply of its own: a PING answered after it proves the server has taken them all.
        return subscription;
    }

    private void onMessage(Response response) {
        if (response.size() == 3
                && ("message".equals(response.get(0).toString())
                        || "smessage".equals(response.get(0).toString()))) {
            received.add(
                    new Received(response.get(1).toString(), response.get(2).toString()));
        }
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> on(String channel) {
        return received.stream().filter(r -> r.channel().equals(channel)).toList();
    }

    /** What arrived on any partition's channel of this event type. */
    public List<Received> on(EventType type) {
        return received.stream()
                .filter(r -> CHANNELS.typeOf(r.channel()) == type)
                .toList();
    }

    @Override
    public void close() {
        connection.close().await().atMost(Duration.ofSeconds(5));
        client.close();
    }
}
