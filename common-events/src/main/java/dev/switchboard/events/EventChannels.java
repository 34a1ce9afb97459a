package dev.switchboard.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Channel naming: a configurable prefix followed by the event name, one channel per event type.
 * Both the publisher and the subscriber derive names from here so they cannot disagree.
 */
public final class EventChannels {

    public static final String DEFAULT_PREFIX = "switchboard:";

    private final String prefix;
    private final Map<EventType, String> channelByType;
    private final Map<String, EventType> typeByChannel;

    public EventChannels(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("channel prefix must not be null");
        }
        this.prefix = prefix;
        this.channelByType = Arrays.stream(EventType.values())
                .collect(Collectors.toUnmodifiableMap(Function.identity(), t -> prefix + t.wireName()));
        this.typeByChannel = channelByType.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    }

    public String prefix() {
        return prefix;
    }

    public String channel(EventType type) {
        return channelByType.get(type);
    }

    /** Every channel of the contract, in declaration order of {@link EventType}. */
    public List<String> all() {
        return Arrays.stream(EventType.values()).map(this::channel).toList();
    }

    /** Null when the channel is not one of ours. */
    public EventType typeOf(String channel) {
        return typeByChannel.get(channel);
    }
}
