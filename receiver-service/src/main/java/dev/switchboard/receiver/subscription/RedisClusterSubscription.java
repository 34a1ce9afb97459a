package dev.switchboard.receiver.subscription;

import dev.switchboard.events.EventChannels;
import dev.switchboard.runtime.Backoff;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The {@link EventSubscription} of the cluster mode: sharded pub/sub on Redis Cluster 7+. It maps every partition to
 * the master of its slot ({@link RedisClusterTopology}, {@code CLUSTER SLOTS}), holds one {@link RedisNodeSubscription} per
 * master it needs, and SSUBSCRIBEs there partition by partition (a partition's channels share one slot, so one
 * command each; never several slots in one command).
 * <p>
 * The client library is not trusted to follow the cluster (ADR 0013): a lost connection, and an unsolicited
 * {@code sunsubscribe} (Redis sends it when a slot migrates away or its master is demoted), both mean "re-map and
 * resubscribe now": the node's subscription is closed, the topology read again, and the partitions subscribed at
 * their current masters, retrying with capped backoff while the cluster fails over. The topology is also read every
 * {@code topology-refresh-interval}, and a partition whose master changed is moved. Liveness is proven per connection
 * as in every mode. Once every partition is subscribed again after any such change, the listener hears
 * {@code onSubscribed(true)} and clients resync: events of the moved partitions may have been missed.
 * <p>
 * All state is touched only on one Vert.x context; {@link #state} is volatile for the health check.
 */
public class RedisClusterSubscription extends RedisPartitionedSubscription {

    private static final Logger LOG = Logger.getLogger(RedisClusterSubscription.class);

    private final List<String> seeds;
    private final Backoff backoff;
    /** The node subscription of each master in use, by master URL. */
    private final Map<String, RedisNodeSubscription> nodes = new HashMap<>();
    /** Which partitions each node subscription carries. */
    private final Map<RedisNodeSubscription, TreeSet<Integer>> partitionsOf = new HashMap<>();

    private EventChannels channels;
    private long refreshTimer = -1;
    private boolean remapping;
    private boolean remapAgain;
    private boolean announcedStart;
    private boolean lostSinceAnnounced;

    public RedisClusterSubscription(Vertx vertx, SubscriptionConfig config, List<String> seeds) {
        super(vertx, config);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed node of the Redis Cluster");
        }
        this.seeds = List.copyOf(seeds);
        this.backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff());
    }

    @Override
    public String describe() {
        return "cluster " + seeds.stream().map(RedisAddress::withoutCredentials).collect(Collectors.joining(","));
    }

    @Override
    protected void begin(EventChannels channels) {
        this.channels = channels;
        remap();
        refreshTimer = vertx.setPeriodic(config.topologyRefreshInterval().toMillis(), id -> remap());
    }

    @Override
    protected void end() {
        vertx.cancelTimer(refreshTimer);
        nodes.values().forEach(RedisNodeSubscription::close);
        nodes.clear();
        partitionsOf.clear();
    }

    @Override
    public void onSubscribed(RedisNodeSubscription node, boolean restored) {
        if (stopped() || !partitionsOf.containsKey(node)) {
            return;
        }
        backoff.reset();
        updateState();
        announceIfComplete();
    }

    @Override
    public void onLost(RedisNodeSubscription node, String why) {
        if (stopped() || !partitionsOf.containsKey(node)) {
            return;
        }
        // Its partitions are re-mapped: a failover may have moved them, a migrated slot surely did.
        nodes.remove(node.url());
        partitionsOf.remove(node);
        node.close();
        lostSinceAnnounced = true;
        updateState();
        long delay = backoff.next().toMillis();
        LOG.debugf("re-mapping the cluster's partitions in %d ms after %s at %s", delay, why, node.describe());
        vertx.setTimer(delay, id -> remap());
    }

    /** Reads the topology and makes the node subscriptions match it; one re-map at a time, the next one queued. */
    private void remap() {
        if (stopped()) {
            return;
        }
        if (remapping) {
            remapAgain = true;
            return;
        }
        remapping = true;
        RedisClusterTopology.fetch(vertx, seeds, config.checkTimeout()).onComplete(result -> {
            remapping = false;
            if (stopped()) {
                return;
            }
            if (result.succeeded()) {
                apply(result.result());
            } else {
                LOG.debugf(
                        "cannot read the cluster topology: %s", result.cause().getMessage());
                if (nodes.isEmpty()) {
                    vertx.setTimer(backoff.next().toMillis(), id -> remap());
                }
            }
            if (remapAgain) {
                remapAgain = false;
                remap();
            }
        });
    }

    private void apply(RedisClusterTopology topology) {
        Map<String, TreeSet<Integer>> wanted = new HashMap<>();
        List<Integer> unserved = new ArrayList<>();
        for (int partition = 0; partition < channels.partitions().count(); partition++) {
            String master = topology.masterOf(channels.partitions().slot(partition));
            if (master == null) {
                unserved.add(partition);
            } else {
                wanted.computeIfAbsent(master, m -> new TreeSet<>()).add(partition);
            }
        }
        for (Map.Entry<String, RedisNodeSubscription> entry : new ArrayList<>(nodes.entrySet())) {
            if (!Objects.equals(wanted.get(entry.getKey()), partitionsOf.get(entry.getValue()))) {
                LOG.infof(
                        "the partitions of %s moved: subscribing again",
                        entry.getValue().describe());
                entry.getValue().close();
                partitionsOf.remove(entry.getValue());
                nodes.remove(entry.getKey());
                lostSinceAnnounced = true;
            }
        }
        wanted.forEach((master, partitions) -> {
            if (!nodes.containsKey(master)) {
                subscribeAt(master, partitions);
            }
        });
        if (!unserved.isEmpty()) {
            // A slot without a master: the cluster is failing over. Look again soon.
            lostSinceAnnounced |= announcedStart;
            vertx.setTimer(backoff.next().toMillis(), id -> remap());
        }
        updateState();
    }

    private void subscribeAt(String master, TreeSet<Integer> partitions) {
        List<List<String>> groups =
                partitions.stream().map(channels::ofPartition).toList();
        RedisNodeSubscription node = new RedisNodeSubscription(
                vertx,
                config,
                master,
                RedisNodeSubscription.Kind.SHARDED,
                groups,
                this,
                false,
                "subscription-" + RedisAddress.withoutCredentials(master).replaceAll("[^A-Za-z0-9]", "-"));
        nodes.put(master, node);
        partitionsOf.put(node, partitions);
        node.start();
    }

    private void announceIfComplete() {
        if (state() != State.SUBSCRIBED) {
            return;
        }
        if (!announcedStart) {
            announcedStart = true;
            lostSinceAnnounced = false;
            LOG.infof(
                    "subscribed to %d partitions on %d masters of %s",
                    channels.partitions().count(), nodes.size(), describe());
            listener.onSubscribed(false);
        } else if (lostSinceAnnounced) {
            lostSinceAnnounced = false;
            LOG.infof(
                    "cluster subscription restored: %d partitions on %d masters",
                    channels.partitions().count(), nodes.size());
            listener.onSubscribed(true);
        }
    }

    private void updateState() {
        int subscribed = 0;
        for (Map.Entry<RedisNodeSubscription, TreeSet<Integer>> entry : partitionsOf.entrySet()) {
            if (entry.getKey().isSubscribed()) {
                subscribed += entry.getValue().size();
            }
        }
        subscribedNow(subscribed, channels.partitions().count(), announcedStart);
    }
}
