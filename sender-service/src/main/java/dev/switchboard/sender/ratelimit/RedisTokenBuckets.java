package dev.switchboard.sender.ratelimit;

import dev.switchboard.sender.redis.RedisClusterLink;
import dev.switchboard.sender.redis.RedisScript;
import io.quarkus.redis.client.RedisClientName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token buckets every sender shares, in Redis: one key per bucket, updated by one Lua script
 * (resources/ratelimit/gcra.lua, the generic cell rate algorithm on Redis' own clock) so that a check is atomic and
 * one round trip, whatever the number of senders. Several checks go pipelined in one round trip; each touches one
 * key only, so each is a single-slot command wherever Redis shards keys. Written by hand: no well-kept rate limiter
 * runs on the Vert.x Redis client (Bucket4j's Redis support is for Lettuce, Jedis and Redisson); see ADR 0009.
 */
@ApplicationScoped
public class RedisTokenBuckets {

    static final String KEY_PREFIX = "switchboard:rate:";
    static final RedisScript SCRIPT = new RedisScript(load());

    private final Redis redis;
    private final RedisClusterLink cluster;

    @Inject
    public RedisTokenBuckets(
            @RedisClientName("rate-limits") Redis redis,
            @ConfigProperty(name = "quarkus.redis.rate-limits.client-type", defaultValue = "standalone")
                    String clientType) {
        this.redis = redis;
        this.cluster = clientType.equals("cluster") ? new RedisClusterLink(redis) : null;
    }

    /** Buckets on a standalone Redis (or one node), checks pipelined in one batch. */
    public RedisTokenBuckets(Redis redis) {
        this(redis, "standalone");
    }

    /** @return per check, 0 when it passes, else milliseconds until it would */
    Uni<List<Long>> check(List<Check> checks) {
        Uni<List<Response>> responses = cluster == null ? batch(checks) : oneByOne(checks);
        return responses.map(RedisTokenBuckets::waits);
    }

    /** One pipelined batch on one server, whose script cache all of it shares. */
    private Uni<List<Response>> batch(List<Check> checks) {
        return SCRIPT.runAll(
                redis::batch,
                checks.stream().map(RedisTokenBuckets::keysAndArgs).toList());
    }

    /**
     * A Redis Cluster refuses a batch whose keys lie in different slots (CROSSSLOT), and a user's bucket and a chat's
     * bucket usually do: each check goes on its own, all pipelined on the one held connection, each falling back to
     * the full script on its own master.
     */
    private Uni<List<Response>> oneByOne(List<Check> checks) {
        List<Uni<Response>> each = checks.stream()
                .map(check -> SCRIPT.run(cluster::send, keysAndArgs(check)))
                .toList();
        return Uni.join().all(each).andFailFast();
    }

    private static Consumer<Request> keysAndArgs(Check check) {
        return request -> request.arg(1)
                .arg(check.key(KEY_PREFIX))
                .arg(check.limit().intervalMillis())
                .arg(check.limit().toleranceMillis())
                .arg(check.take() ? "1" : "0");
    }

    private static List<Long> waits(List<Response> responses) {
        List<Long> waits = new ArrayList<>(responses.size());
        for (Response response : responses) {
            waits.add(response.toLong());
        }
        return waits;
    }

    private static String load() {
        try (InputStream in = RedisTokenBuckets.class.getResourceAsStream("/ratelimit/gcra.lua")) {
            if (in == null) {
                throw new IllegalStateException("resources/ratelimit/gcra.lua is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
