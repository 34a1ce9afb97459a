package dev.switchboard.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Channel naming: {@code <prefix><event name>:{<partition tag>}}, one channel per event type and partition
 * ({@code switchboard:messageAdded:{p7.1k}}). The channels of a partition (one per event type) share its hash tag, so in Redis Cluster
 * they live in one slot (one SSUBSCRIBE, one connection, their order kept); standalone and sharded Redis use the same
 * names. Both the publisher and the subscriber derive names from here so they cannot disagree.
 */
public final class EventChannels {

    public static final String DEFAULT_PREFIX = "switchboard:";

    private final String prefix;
    private final Partitions partitions;
    private final String[][] names;
    private final Map<String, Route> routes;

    public EventChannels(String prefix, Partitions partitions) {
        if (prefix == null) {
            throw new IllegalArgumentException("channel prefix must not be null");
        }
        this.prefix = prefix;
        this.partitions = partitions;
        EventType[] types = EventType.values();
        this.names = new String[partitions.count()][types.length];
        this.routes = new HashMap<>(partitions.count() * types.length * 2);
        for (int p = 0; p < partitions.count(); p++) {
            for (EventType type : types) {
                String name = name(prefix, type.wireName(), partitions.tag(p));
                names[p][type.ordinal()] = name;
                routes.put(name, new Route(type, p));
            }
        }
    }

    /** A channel of the contract: which event type it carries, in which partition. */
    public record Route(EventType type, int partition) {}

    public String prefix() {
        return prefix;
    }

    public Partitions partitions() {
        return partitions;
    }

    public String channel(EventType type, int partition) {
        return names[partitions.checked(partition)][type.ordinal()];
    }

    /** The channel of an event about this chat. */
    public String channel(EventType type, UUID chatId) {
        return channel(type, partitions.of(chatId));
    }

    /**
     * The channel of an event type this version may not know (a row written by a newer sender): the same naming, so
     * it goes where that version's receivers listen.
     */
    public String channel(String eventName, int partition) {
        EventType type = EventType.lookup(eventName);
        return type == null
                ? name(prefix, eventName, partitions.tag(partitions.checked(partition)))
                : channel(type, partition);
    }

    /** The channels of one partition, in declaration order of {@link EventType}. */
    public List<String> ofPartition(int partition) {
        return List.of(names[partitions.checked(partition)]);
    }

    /** Every channel of the contract, partition by partition. */
    public List<String> all() {
        List<String> all = new ArrayList<>(routes.size());
        for (String[] partition : names) {
            all.addAll(List.of(partition));
        }
        return all;
    }

    /** Null when the channel is not one of ours. */
    public Route routeOf(String channel) {
        return routes.get(channel);
    }

    /** Null when the channel is not one of ours. */
    public EventType typeOf(String channel) {
        Route route = routes.get(channel);
        return route == null ? null : route.type();
    }

    /**
     * The family of a type's channels, without the partition ({@code switchboard:messageAdded}): the tag value of
     * per-type metrics, which must not grow with the partition count.
     */
    public String family(EventType type) {
        return prefix + type.wireName();
    }

    private static String name(String prefix, String eventName, String tag) {
        return prefix + eventName + ":{" + tag + "}";
    }
}
