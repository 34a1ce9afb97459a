package dev.switchboard.receiver.delivery;

import dev.switchboard.events.EventType;
import java.util.Set;
import java.util.UUID;

/**
 * What a connection asked to get with a {@code subscribe} frame. An empty set means "no restriction", as the
 * contract says for an absent or empty list. Events about no chat (presenceChanged) are narrowed by event only.
 */
public record SubscriptionFilter(Set<EventType> events, Set<UUID> chatIds) {

    public static final SubscriptionFilter ALL = new SubscriptionFilter(Set.of(), Set.of());

    public SubscriptionFilter {
        events = events == null ? Set.of() : Set.copyOf(events);
        chatIds = chatIds == null ? Set.of() : Set.copyOf(chatIds);
    }

    public boolean accepts(EventType type, UUID chatId) {
        return (events.isEmpty() || events.contains(type))
                && (chatIds.isEmpty() || chatId == null || chatIds.contains(chatId));
    }
}
