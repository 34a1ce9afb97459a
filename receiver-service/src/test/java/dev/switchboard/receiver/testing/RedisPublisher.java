package dev.switchboard.receiver.testing;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Partitions;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Publishes as a sender would: a separate, plain Redis connection, one PUBLISH per event. */
public final class RedisPublisher implements AutoCloseable {

    /** The channels of the default configuration, as the receiver under test subscribes to them. */
    public static final EventChannels CHANNELS =
            new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(Partitions.DEFAULT_COUNT));

    private static final Pattern CHAT_ID = Pattern.compile("\"chatId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private final Redis redis;

    public RedisPublisher(Vertx vertx, String url) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
    }

    /** @return the number of subscribers that got it */
    public long publish(EventType type, String json) {
        return send(Request.cmd(Command.PUBLISH).arg(channelOf(type, json)).arg(json))
                .toLong();
    }

    /** The channel a sender would publish this event on: its chat's partition (partition 0 when it names none). */
    public static String channelOf(EventType type, String json) {
        Matcher chatId = CHAT_ID.matcher(json);
        return chatId.find() ? CHANNELS.channel(type, UUID.fromString(chatId.group(1))) : CHANNELS.channel(type, 0);
    }

    /** One PUBLISH per event as well, but sent together (pipelined) and awaited once. */
    public void publishAll(EventType type, List<String> jsons) {
        List<Request> requests = jsons.stream()
                .map(json ->
                        Request.cmd(Command.PUBLISH).arg(channelOf(type, json)).arg(json))
                .toList();
        try {
            redis.batch(requests).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis batch failed", e);
        }
    }

    public Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis command failed: " + request, e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
