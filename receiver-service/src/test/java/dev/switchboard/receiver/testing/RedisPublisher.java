package dev.switchboard.receiver.testing;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Publishes as a sender would: a separate, plain Redis connection, one PUBLISH per event. */
public final class RedisPublisher implements AutoCloseable {

    private static final EventChannels CHANNELS = new EventChannels(EventChannels.DEFAULT_PREFIX);

    private final Redis redis;

    public RedisPublisher(Vertx vertx, String url) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
    }

    /** @return the number of subscribers that got it */
    public long publish(EventType type, String json) {
        return send(Request.cmd(Command.PUBLISH).arg(CHANNELS.channel(type)).arg(json))
                .toLong();
    }

    /** One PUBLISH per event as well, but sent together (pipelined) and awaited once. */
    public void publishAll(EventType type, List<String> jsons) {
        List<Request> requests = jsons.stream()
                .map(json ->
                        Request.cmd(Command.PUBLISH).arg(CHANNELS.channel(type)).arg(json))
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
