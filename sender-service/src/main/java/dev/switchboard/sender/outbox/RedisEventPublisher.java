package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventType;
import dev.switchboard.sender.SenderConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** PUBLISHes outbox rows to their channels: one PUBLISH per event, a whole batch pipelined in one round trip. */
@ApplicationScoped
public class RedisEventPublisher {

    private final Redis redis;
    private final EventChannels channels;

    public RedisEventPublisher(Redis redis, SenderConfig config) {
        this.redis = redis;
        this.channels = new EventChannels(config.channelPrefix());
    }

    /**
     * One pipelined batch. Fails as a whole if Redis does not take every PUBLISH; when the failure is Redis
     * refusing one of them, it has still executed the others.
     */
    public Uni<Void> publishAll(List<OutboxRow> rows) {
        return redis.batch(rows.stream().map(this::request).toList()).replaceWithVoid();
    }

    /** One PUBLISH on its own, so that a failure is known to be this row's. */
    public Uni<Void> publish(OutboxRow row) {
        return redis.send(request(row)).replaceWithVoid();
    }

    private Request request(OutboxRow row) {
        return Request.cmd(Command.PUBLISH).arg(channel(row.eventType())).arg(row.payload());
    }

    String channel(String eventType) {
        EventType type = EventType.lookup(eventType);
        // A row written by a newer version with an event this one does not know still goes where its name says.
        return type == null ? channels.prefix() + eventType : channels.channel(type);
    }
}
