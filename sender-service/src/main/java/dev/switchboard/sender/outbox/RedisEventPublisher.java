package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The Redis pub/sub {@link EventPublisher}, for every topology ({@link RedisEventPublishers} builds it): a partition's batch goes
 * out in one call of {@link FencedPublishScript} (EVALSHA, EVAL when Redis does not hold the script yet) on the
 * partition's node, one PUBLISH (SPUBLISH in a cluster) per event on its channel
 * {@code <prefix><event name>:{<partition tag>}}, in order, after the partition's fence has been checked. The fence key
 * carries the partition's hash tag, so a cluster client routes the script to the master of the partition's slot.
 * <p>
 * An event's own error reply is a refusal of its row when it is about the command, not about the server's state
 * ({@link #SERVER_STATE_ERRORS}); a whole call that fails (transport down, timed out, a state error) is
 * {@link PublishResult.Failed} for every row, and one the server refuses outright is {@link PublishResult.Refused} for
 * every row (the relay then blames only the oldest).
 */
public class RedisEventPublisher implements EventPublisher {

    /** Error reply prefixes that describe the server's state, not the command: never a row's fault. */
    static final Set<String> SERVER_STATE_ERRORS = Set.of(
            "LOADING",
            "BUSY",
            "OOM",
            "READONLY",
            "MASTERDOWN",
            "TRYAGAIN",
            "CLUSTERDOWN",
            "MISCONF",
            "NOAUTH",
            "WRONGPASS",
            "NOREPLICAS",
            "MOVED",
            "ASK",
            "NOSCRIPT");

    private final IntFunction<Node> nodeOf;
    private final EventChannels channels;
    private final String publishCommand;
    private final List<Redis> owned;

    /** What reaches a partition's node: a client's {@code send}, or a held cluster connection's. */
    @FunctionalInterface
    interface Node {
        Uni<Response> send(Request request);
    }

    /**
     * @param nodeOf         what reaches a partition's node
     * @param publishCommand PUBLISH, or SPUBLISH in a cluster
     * @param owned          clients made for this publisher alone, closed with it
     */
    RedisEventPublisher(IntFunction<Node> nodeOf, EventChannels channels, String publishCommand, List<Redis> owned) {
        this.nodeOf = nodeOf;
        this.channels = channels;
        this.publishCommand = publishCommand;
        this.owned = List.copyOf(owned);
    }

    void close() {
        owned.forEach(Redis::close);
    }

    @Override
    public Uni<List<PublishResult>> publish(PartitionBatch batch) {
        if (batch.rows().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Node redis = nodeOf.apply(batch.partition());
        return FencedPublishScript.SCRIPT
                .run(redis::send, request -> keysAndArgs(request, batch))
                .map(response -> results(batch, response))
                .onFailure()
                .recoverWithItem(e -> Collections.nCopies(
                        batch.rows().size(),
                        isRefusal(e) ? new PublishResult.Refused(e) : new PublishResult.Failed(e)));
    }

    /** The partition's fence key: its hash tag puts it in the slot of the partition's channels. */
    String fenceKey(int partition) {
        return channels.prefix() + "relay-epoch:{" + channels.partitions().tag(partition) + "}";
    }

    private void keysAndArgs(Request request, PartitionBatch batch) {
        request.arg(1).arg(fenceKey(batch.partition())).arg(batch.epoch()).arg(publishCommand);
        for (OutboxRow row : batch.rows()) {
            request.arg(channels.channel(row.eventType(), row.partition())).arg(row.payload());
        }
    }

    private static List<PublishResult> results(PartitionBatch batch, Response response) {
        int rows = batch.rows().size();
        if ("FENCED".equals(response.get(0).toString())) {
            return Collections.nCopies(
                    rows, new PublishResult.Fenced(response.get(1).toLong()));
        }
        if (response.size() != rows + 1) {
            throw new IllegalStateException(
                    "the publish script answered " + (response.size() - 1) + " results for " + rows + " events");
        }
        List<PublishResult> results = new ArrayList<>(rows);
        for (int i = 1; i <= rows; i++) {
            String error = response.get(i).toString();
            if (error.isEmpty()) {
                results.add(PublishResult.PUBLISHED);
            } else {
                // An error raised by the script engine itself (an ACL refusal) has no code word: it is about the
                // command.
                ErrorType reply = ErrorType.create(hasCode(error) ? error : "ERR " + error);
                results.add(isRefusal(reply) ? new PublishResult.Refused(reply) : new PublishResult.Failed(reply));
            }
        }
        return results;
    }

    private static boolean hasCode(String error) {
        int space = error.indexOf(' ');
        String first = space < 0 ? error : error.substring(0, space);
        return !first.isEmpty() && first.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    /** Redis answered this command with an error about the command itself (NOPERM, ERR ...). */
    static boolean isRefusal(Throwable failure) {
        String code = errorCode(failure);
        return code != null && !SERVER_STATE_ERRORS.contains(code);
    }

    /** The first word of the Redis error reply in the failure's causes, null when it is no error reply. */
    private static String errorCode(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ErrorType reply) {
                String message = reply.getMessage() == null ? "" : reply.getMessage();
                int space = message.indexOf(' ');
                return space < 0 ? message : message.substring(0, space);
            }
        }
        return null;
    }
}
