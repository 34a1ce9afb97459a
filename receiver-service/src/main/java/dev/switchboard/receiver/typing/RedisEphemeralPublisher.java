package dev.switchboard.receiver.typing;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

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

    private final IntFunction<Redis> nodeOfPartition;
    private final String publishCommand;

    /**
     * @param nodeOfPartition the client that reaches the partition's Redis (one node, the node of a shard, a cluster
     *                        client that routes by the gate key's slot)
     * @param publishCommand  {@code PUBLISH}, or {@code SPUBLISH} in a Redis Cluster
     */
    public RedisEphemeralPublisher(IntFunction<Redis> nodeOfPartition, String publishCommand) {
        this.nodeOfPartition = nodeOfPartition;
        this.publishCommand = publishCommand;
    }

    @Override
    public CompletionStage<Boolean> publish(
            int partition, String gateKey, Duration gate, String channel, String payload) {
        Request eval = Request.cmd(Command.EVAL)
                .arg(SCRIPT)
                .arg(1)
                .arg(gateKey)
                .arg(Math.max(1, gate.toMillis()))
                .arg(publishCommand)
                .arg(channel)
                .arg(payload);
        return nodeOfPartition
                .apply(partition)
                .send(eval)
                .map(response -> response != null && response.toInteger() == 1)
                .toCompletionStage();
    }
}
