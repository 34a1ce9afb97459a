package dev.switchboard.sender.outbox;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where the relay sends committed events: the transport seam of the sender. Today's implementation is Redis pub/sub
 * ({@link RedisEventPublisher}); another transport implements this and passes {@code EventPublisherContract}.
 * <p>
 * An implementation publishes the rows in the order given, so that the events of one chat (which the relay hands
 * over in commit order) reach subscribers in that order, and says per row what became of it. It never fails as a
 * whole: a transport that is down answers {@link PublishResult.Failed} for every row. At least once is allowed (a
 * row may reach subscribers more than once: clients de-duplicate by event id), at most once is not.
 */
public interface EventPublisher {

    /** @return one result per row, in the order of {@code rows} */
    Uni<List<PublishResult>> publish(List<OutboxRow> rows);
}
