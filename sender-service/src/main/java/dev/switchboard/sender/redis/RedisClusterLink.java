package dev.switchboard.sender.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One long-lived connection of a Redis Cluster client, for calls made at request rate (the relay's scripts, the rate
 * limits' checks). The cluster client's own {@code send} borrows a pooled connection to every master for each
 * command: under such rates that pool is what the calls wait for (measured: the cluster mode's relay lagging seconds
 * behind at 40 sends/s into one chat). The connection routes each command by its key's slot and follows MOVED
 * itself; commands sent without waiting for each other are pipelined on it. A failed command drops it, so the next
 * one connects again with a fresh slot map.
 */
public final class RedisClusterLink {

    private final Redis cluster;
    private final AtomicReference<Uni<RedisConnection>> connection = new AtomicReference<>();

    public RedisClusterLink(Redis cluster) {
        this.cluster = cluster;
    }

    public Uni<Response> send(Request request) {
        Uni<RedisConnection> current = connection.get();
        if (current == null) {
            Uni<RedisConnection> fresh = cluster.connect().memoize().indefinitely();
            current = connection.compareAndSet(null, fresh) ? fresh : connection.get();
        }
        Uni<RedisConnection> used = current;
        return used.flatMap(conn -> conn.send(request)).onFailure().invoke(failure -> drop(used));
    }

    private void drop(Uni<RedisConnection> failed) {
        if (connection.compareAndSet(failed, null)) {
            failed.subscribe().with(RedisConnection::closeAndForget, ignored -> {});
        }
    }
}
