package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.SenderConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.impl.types.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The Redis pub/sub {@link EventPublisher}: one PUBLISH per event on {@code <prefix><event name>}, a whole list
 * pipelined in one round trip on one connection (so in order).
 * <p>
 * A pipelined batch that Redis answers with an error reply has had some PUBLISH refused, and the others executed;
 * the client does not say which. The batch is then repeated one PUBLISH at a time to find out: the others are
 * published a second time, which at-least-once allows. An error reply counts as a refusal of the row only when it is
 * about the command, not about the server's state ({@link #SERVER_STATE_ERRORS}); transport failures, timeouts and
 * state errors are {@link PublishResult.Failed} for the row and every row after it.
 */
@ApplicationScoped
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
            "ASK");

    private final Redis redis;
    private final EventChannels channels;

    public RedisEventPublisher(Redis redis, SenderConfig config) {
        this.redis = redis;
        this.channels = new EventChannels(config.channelPrefix());
    }

    @Override
    public Uni<List<PublishResult>> publish(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (rows.size() == 1) {
            return redis.send(request(rows.getFirst()))
                    .map(ignored -> List.of(PublishResult.PUBLISHED))
                    .onFailure()
                    .recoverWithItem(e -> List.of(failure(e)));
        }
        return redis.batch(rows.stream().map(this::request).toList())
                .map(ignored -> Collections.nCopies(rows.size(), PublishResult.PUBLISHED))
                .onFailure()
                .recoverWithUni(e -> isRefusal(e)
                        ? oneByOne(rows, 0, new ArrayList<>(rows.size()))
                        : Uni.createFrom().item(Collections.nCopies(rows.size(), new PublishResult.Failed(e))));
    }

    /** One PUBLISH after the other, so that a refusal is known to be its row's; stops at a transport failure. */
    private Uni<List<PublishResult>> oneByOne(List<OutboxRow> rows, int from, List<PublishResult> results) {
        if (from == rows.size()) {
            return Uni.createFrom().item(results);
        }
        return redis.send(request(rows.get(from)))
                .map(ignored -> (PublishResult) PublishResult.PUBLISHED)
                .onFailure()
                .recoverWithItem(RedisEventPublisher::failure)
                .flatMap(result -> {
                    results.add(result);
                    if (result instanceof PublishResult.Failed failed) {
                        while (results.size() < rows.size()) {
                            results.add(failed);
                        }
                        return Uni.createFrom().item(results);
                    }
                    return oneByOne(rows, from + 1, results);
                });
    }

    private static PublishResult failure(Throwable e) {
        return isRefusal(e) ? new PublishResult.Refused(e) : new PublishResult.Failed(e);
    }

    private Request request(OutboxRow row) {
        return Request.cmd(Command.PUBLISH).arg(channel(row.eventType())).arg(row.payload());
    }

    String channel(String eventType) {
        EventType type = EventType.lookup(eventType);
        // A row written by a newer version with an event this one does not know still goes where its name says.
        return type == null ? channels.prefix() + eventType : channels.channel(type);
    }

    /** Redis answered this command with an error about the command itself (NOPERM, ERR ...). */
    static boolean isRefusal(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ErrorType reply) {
                String message = reply.getMessage() == null ? "" : reply.getMessage();
                int space = message.indexOf(' ');
                String code = space < 0 ? message : message.substring(0, space);
                return !SERVER_STATE_ERRORS.contains(code);
            }
        }
        return false;
    }
}
