package dev.switchboard.sender.outbox;

import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.Partitions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What domain services call inside their transaction to publish events: one outbox row per event (encoded once,
 * here, and filed under its chat's partition) and a NOTIFY so that the relay wakes the moment the transaction commits. If the transaction rolls back,
 * neither the rows nor the notification exist.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository repository;
    private final EventCodec codec;
    private final Partitions partitions;
    private final String notifyChannel;

    public OutboxWriter(OutboxRepository repository, EventCodec codec, Partitions partitions, OutboxConfig config) {
        this.repository = repository;
        this.codec = codec;
        this.partitions = partitions;
        this.notifyChannel = config.notifyChannel();
    }

    /** @param envelopes in the order they must reach Redis */
    public Uni<Void> write(SqlConnection tx, List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OutboxRepository.OutboxEntry> entries = envelopes.stream()
                .map(e -> new OutboxRepository.OutboxEntry(
                        e.chatId(), partitions.of(e.chatId()), e.type().wireName(), codec.encode(e)))
                .toList();
        return repository.insertAndNotify(tx, entries, notifyChannel);
    }
}
