-- Partitioned relays (docs/adr/0012). Every outbox row records the partition of its chat, and each partition is
-- relayed by the one sender holding its advisory lock. The partition is a CRC-32 of the chat id that PostgreSQL does
-- not compute: rows left from an earlier version are given theirs by the first sender that starts (PartitionSetup),
-- before its relay runs.
ALTER TABLE outbox ADD COLUMN partition integer;
CREATE INDEX outbox_partition_id ON outbox (partition, id);
ALTER TABLE outbox_dead_letter ADD COLUMN partition integer;

-- One row per partition that ever had an owner. epoch grows by one at each acquisition of the partition's lock; the
-- relay publishes under it and Redis refuses an older epoch once a newer one has published (the fence), so two
-- relays never publish one partition at the same time. owner and acquired_at are for operators.
CREATE TABLE outbox_partition (
    partition   integer     PRIMARY KEY,
    epoch       bigint      NOT NULL,
    owner       text        NOT NULL,
    acquired_at timestamptz NOT NULL
);

-- Settings every instance of a deployment must agree on, recorded by the first sender (partitions).
CREATE TABLE deployment_setting (
    name  text PRIMARY KEY,
    value text NOT NULL
);
