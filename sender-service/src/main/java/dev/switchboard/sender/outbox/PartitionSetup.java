package dev.switchboard.sender.outbox;

import dev.switchboard.events.Partitions;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At start-up, before the relay: the partition count is the deployment's, not the instance's. The first sender records
 * its {@code switchboard.partitions} in {@code deployment_setting}; a sender configured with another count refuses to
 * start (its events would go to channels and locks nobody else uses). Then rows written before the outbox knew
 * partitions (an upgrade) get theirs, so that every row has an owner.
 */
@ApplicationScoped
public class PartitionSetup {

    private static final Logger LOG = Logger.getLogger(PartitionSetup.class);

    static final String RECORD = """
            INSERT INTO deployment_setting (name, value) VALUES ('partitions', $1) ON CONFLICT (name) DO NOTHING
            """;
    static final String RECORDED = "SELECT value FROM deployment_setting WHERE name = 'partitions'";
    static final String UNPARTITIONED = "SELECT id, chat_id FROM %s WHERE partition IS NULL ORDER BY id LIMIT 1000";
    static final String ASSIGN = """
            UPDATE %s SET partition = assigned.partition
              FROM unnest($1::bigint[], $2::int[]) AS assigned (id, partition)
             WHERE %s.id = assigned.id
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final Partitions partitions;

    public PartitionSetup(Pool pool, Partitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        checkCount();
        backfill("outbox");
        backfill("outbox_dead_letter");
    }

    void checkCount() {
        String configured = Integer.toString(partitions.count());
        pool.preparedQuery(RECORD).execute(Tuple.of(configured)).await().atMost(TIMEOUT);
        String recorded = pool.query(RECORDED)
                .execute()
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next()
                .getString("value");
        if (!configured.equals(recorded)) {
            throw new IllegalStateException("switchboard.partitions is " + configured + " but this deployment's "
                    + "database records " + recorded + ": every instance must use the same partition count (a "
                    + "different one sends events to channels no receiver listens on). Set switchboard.partitions="
                    + recorded + ", or see docs/operations.md for changing the count.");
        }
    }

    private void backfill(String table) {
        long total = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            List<Integer> assigned = new ArrayList<>();
            for (Row row :
                    pool.query(UNPARTITIONED.formatted(table)).execute().await().atMost(TIMEOUT)) {
                ids.add(row.getLong("id"));
                assigned.add(partitions.of(row.getUUID("chat_id")));
            }
            if (ids.isEmpty()) {
                break;
            }
            pool.preparedQuery(ASSIGN.formatted(table, table))
                    .execute(Tuple.of(ids.toArray(Long[]::new), assigned.toArray(Integer[]::new)))
                    .await()
                    .atMost(TIMEOUT);
            total += ids.size();
        }
        if (total > 0) {
            LOG.infof("gave %d rows of %s their partition", total, table);
        }
    }
}
