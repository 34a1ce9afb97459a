package dev.switchboard.sender.outbox;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where the relay sends committed events: the transport seam of the sender. Today's implementation is Redis pub/sub
 * ({@link RedisEventPublisher}); another transport implements this and passes {@code EventPublisherContract}.
 * <p>
 * A call carries the rows of one partition, in the order the relay read them (commit order within each chat), and the
 * epoch under which the calling relay holds that partition. An implementation publishes them in that order, fenced:
 * once rows of the partition went out under an epoch, rows under an older epoch are never published again (every row
 * answers {@link PublishResult.Fenced}), so a relay that lost its partition without knowing it cannot publish
 * alongside the one that took it over. It says per row what became of it and never fails as a whole: a transport that
 * is down answers {@link PublishResult.Failed} for every row. At least once is allowed (a row may reach subscribers
 * more than once: clients de-duplicate by event id), at most once is not.
 */
public interface EventPublisher {

    /** @return one result per row of the batch, in its order */
    Uni<List<PublishResult>> publish(PartitionBatch batch);

    /** Rows of one partition, and the epoch of the relay's hold on it. */
    record PartitionBatch(int partition, long epoch, List<OutboxRow> rows) {

        public PartitionBatch {
            rows = List.copyOf(rows);
            for (OutboxRow row : rows) {
                if (row.partition() != partition) {
                    throw new IllegalArgumentException(
                            "row " + row.id() + " is of partition " + row.partition() + ", not " + partition);
                }
            }
        }
    }
}
