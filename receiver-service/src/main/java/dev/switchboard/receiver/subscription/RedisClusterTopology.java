package dev.switchboard.receiver.subscription;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which master serves which slots of a Redis Cluster, read with {@code CLUSTER SLOTS} from the first seed node that
 * answers (each on a short-lived connection of its own, never the subscription's). Master addresses keep the seed's
 * scheme and credentials.
 */
final class RedisClusterTopology {

    /** One range of slots and the URL of its master. */
    record SlotRange(int from, int to, String masterUrl) {}

    private final List<SlotRange> ranges;

    RedisClusterTopology(List<SlotRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The URL of the slot's master; null when no master serves it right now. */
    String masterOf(int slot) {
        for (SlotRange range : ranges) {
            if (slot >= range.from() && slot <= range.to()) {
                return range.masterUrl();
            }
        }
        return null;
    }

    /** Reads the topology from the first seed that answers within the timeout. */
    static Future<RedisClusterTopology> fetch(Vertx vertx, List<String> seeds, Duration timeout) {
        return fetchFrom(vertx, seeds, 0, timeout, null);
    }

    private static Future<RedisClusterTopology> fetchFrom(
            Vertx vertx, List<String> seeds, int index, Duration timeout, Throwable lastFailure) {
        if (index >= seeds.size()) {
            return Future.failedFuture(new IllegalStateException(
                    "no seed node answered CLUSTER SLOTS"
                            + (lastFailure == null ? "" : ": " + lastFailure.getMessage()),
                    lastFailure));
        }
        String seed = seeds.get(index).strip();
        RedisOptions options = new RedisOptions()
                .setConnectionString(seed)
                .setPoolName("cluster-topology")
                .setMetricsName("redis|cluster-topology");
        options.getNetClientOptions().setConnectTimeout((int) timeout.toMillis());
        Redis client = Redis.createClient(vertx, options);
        return client.send(Request.cmd(Command.CLUSTER).arg("SLOTS"))
                .timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .map(reply -> parse(seed, reply))
                .eventually(() -> {
                    client.close();
                    return Future.succeededFuture();
                })
                .recover(failure -> fetchFrom(vertx, seeds, index + 1, timeout, failure));
    }

    static RedisClusterTopology parse(String seed, Response reply) {
        List<SlotRange> ranges = new ArrayList<>();
        for (Response range : reply) {
            Response master = range.get(2);
            String host = master.get(0).toString();
            int port = master.get(1).toInteger();
            ranges.add(new SlotRange(range.get(0).toInteger(), range.get(1).toInteger(), urlLike(seed, host, port)));
        }
        return new RedisClusterTopology(ranges);
    }

    /** {@code redis://user:password@host:port} with the seed's scheme and credentials. */
    static String urlLike(String seed, String host, int port) {
        URI uri = URI.create(seed);
        String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
        return uri.getScheme() + "://" + userInfo + host + ":" + port;
    }
}
