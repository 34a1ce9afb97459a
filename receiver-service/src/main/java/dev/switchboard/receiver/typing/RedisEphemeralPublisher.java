package dev.switchboard.receiver.typing;

import dev.switchboard.receiver.redis.RedisPartitionClients;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Gate and publish in one script call, so the check and the publish cannot be split by another receiver. The gate
 * key carries the partition's hash tag: in a Redis Cluster it lives in the slot of the partition's channel, where the
 * script SPUBLISHes. EVAL with the whole (short) script: Redis keeps compiled scripts by digest, and typing is
 * throttled at the source, so there is no EVALSHA fallback to maintain here.
 */
public final class RedisEphemeralPublisher implements EphemeralPublisher {

    static final String SCRIPT = """
            if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
              redis.call(ARGV[2], ARGV[3], ARGV[4])
              return 1
            end
            return 0
            """;

    private final RedisPartitionClients clients;

    public RedisEphemeralPublisher(RedisPartitionClients clients) {
        this.clients = clients;
    }

    @Override
    public CompletionStage<Boolean> publish(
            int partition, String gateKey, Duration gate, String channel, String payload) {
        Request eval = Request.cmd(Command.EVAL)
                .arg(SCRIPT)
                .arg(1)
                .arg(gateKey)
                .arg(Math.max(1, gate.toMillis()))
                .arg(clients.publishCommand())
                .arg(channel)
                .arg(payload);
        return clients.nodeOf()
                .apply(partition)
                .send(eval)
                .map(response -> response != null && response.toInteger() == 1)
                .toCompletionStage();
    }
}
