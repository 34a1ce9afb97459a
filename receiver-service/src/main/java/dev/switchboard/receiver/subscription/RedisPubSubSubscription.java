package dev.switchboard.receiver.subscription;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.JumpHash;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The classic Redis pub/sub {@link EventSubscription} of the standalone and sharded modes: one {@link RedisNodeSubscription}
 * per Redis node, each SUBSCRIBEd to the channels of the partitions that live there (standalone: every partition on
 * the one node; sharded: partition p on node jump-hash(p), as the senders publish). Each node reconnects on its own,
 * so a node that is away holds up only its own partitions.
 * <p>
 * The listener hears {@code onSubscribed(false)} once every node is subscribed for the first time, and
 * {@code onSubscribed(true)} each time a node that was lost is subscribed again (its partitions' events may have been
 * missed meanwhile). All state is touched only on one Vert.x context; {@link #state} is volatile for the health check.
 */
public class RedisPubSubSubscription extends RedisPartitionedSubscription {

    private static final Logger LOG = Logger.getLogger(RedisPubSubSubscription.class);

    private final List<String> nodeUrls;
    private final List<RedisNodeSubscription> nodes = new ArrayList<>();
    private boolean announcedStart;

    /** @param nodeUrls one URL (standalone), or the shards in the order every instance shares */
    public RedisPubSubSubscription(Vertx vertx, SubscriptionConfig config, List<String> nodeUrls) {
        super(vertx, config);
        if (nodeUrls.isEmpty()) {
            throw new IllegalArgumentException("no Redis node to subscribe to");
        }
        this.nodeUrls = List.copyOf(nodeUrls);
    }

    @Override
    public String describe() {
        return nodeUrls.stream().map(RedisAddress::withoutCredentials).collect(Collectors.joining(","));
    }

    @Override
    protected void begin(EventChannels channels) {
        List<List<String>> channelsOfNode = new ArrayList<>();
        nodeUrls.forEach(url -> channelsOfNode.add(new ArrayList<>()));
        for (int partition = 0; partition < channels.partitions().count(); partition++) {
            channelsOfNode.get(JumpHash.bucket(partition, nodeUrls.size())).addAll(channels.ofPartition(partition));
        }
        for (int i = 0; i < nodeUrls.size(); i++) {
            if (channelsOfNode.get(i).isEmpty()) {
                continue; // more shards than partitions: nothing lives there
            }
            RedisNodeSubscription node = new RedisNodeSubscription(
                    vertx,
                    config,
                    nodeUrls.get(i),
                    RedisNodeSubscription.Kind.CLASSIC,
                    List.of(channelsOfNode.get(i)),
                    this,
                    true,
                    nodeUrls.size() == 1 ? "subscription" : "subscription-" + i);
            nodes.add(node);
            node.start();
        }
    }

    @Override
    protected void end() {
        nodes.forEach(RedisNodeSubscription::close);
    }

    @Override
    public void onSubscribed(RedisNodeSubscription node, boolean restored) {
        if (stopped()) {
            return;
        }
        updateState();
        if (restored) {
            LOG.infof("Redis subscription restored at %s", node.describe());
            listener.onSubscribed(true);
        } else if (!announcedStart && state() == State.SUBSCRIBED) {
            announcedStart = true;
            LOG.infof("subscribed to %d event channels at %s", totalChannels(), describe());
            listener.onSubscribed(false);
        }
    }

    @Override
    public void onLost(RedisNodeSubscription node, String why) {
        updateState();
    }

    /** Liveness checks that found a node's subscription intact, all nodes together. */
    public long passedChecks() {
        return nodes.stream().mapToLong(RedisNodeSubscription::passedChecks).sum();
    }

    private void updateState() {
        int subscribed =
                (int) nodes.stream().filter(RedisNodeSubscription::isSubscribed).count();
        subscribedNow(subscribed, nodes.size(), nodes.stream().anyMatch(RedisNodeSubscription::wasEverSubscribed));
    }

    private int totalChannels() {
        return nodes.stream().mapToInt(RedisNodeSubscription::channelCount).sum();
    }
}
