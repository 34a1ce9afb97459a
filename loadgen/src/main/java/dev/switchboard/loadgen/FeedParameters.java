package dev.switchboard.loadgen;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.Partitions;
import java.net.URI;
import java.util.Locale;

/**
 * Where the run's messages enter the system and which kind of server the clients talk to.
 *
 * <p>{@code --feed senders} (the default) sends through the senders' REST API: the whole path, PostgreSQL and the
 * outbox included. {@code --feed redis} publishes each message's {@code messageAdded} straight to Redis, the way a
 * relay does, so that only the fan-out tier is measured; with {@code --server socketio} the same messages go to a
 * Socket.IO deployment with {@code @socket.io/redis-adapter} instead, so that both can be compared fed the same way.
 *
 * @param redis         the Redis to publish to (--feed redis)
 * @param channelPrefix the receivers' {@code switchboard.channel-prefix}
 * @param partitions    the receivers' {@code switchboard.partitions}
 */
public record FeedParameters(Source source, Server server, URI redis, String channelPrefix, int partitions) {

    public enum Source {
        SENDERS,
        REDIS
    }

    public enum Server {
        SWITCHBOARD,
        SOCKETIO
    }

    /** --redis when not given (a constant, for picocli's default). */
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

    public static final URI DEFAULT_REDIS = URI.create(DEFAULT_REDIS_URL);

    public static final FeedParameters SENDERS = new FeedParameters(
            Source.SENDERS, Server.SWITCHBOARD, DEFAULT_REDIS, EventChannels.DEFAULT_PREFIX, Partitions.DEFAULT_COUNT);

    public FeedParameters {
        if (server == Server.SOCKETIO && source != Source.REDIS) {
            throw new IllegalArgumentException("a Socket.IO server can only be fed through Redis (--feed redis)");
        }
    }

    public boolean viaRedis() {
        return source == Source.REDIS;
    }

    public String sourceId() {
        return source.name().toLowerCase(Locale.ROOT);
    }

    public String serverId() {
        return server.name().toLowerCase(Locale.ROOT);
    }

    /** What a run against this kind of server is called in its output (serverId as in result.json). */
    static String runTitle(String serverId) {
        return "socketio".equals(serverId) ? "Socket.IO baseline load run" : "Switchboard load run";
    }
}
