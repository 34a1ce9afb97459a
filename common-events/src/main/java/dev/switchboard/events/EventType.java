package dev.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event names of the contract; each has its own Redis channel. */
public enum EventType {
    MESSAGE_ADDED("messageAdded"),
    MESSAGE_UPDATED("messageUpdated"),
    MESSAGE_DELETED("messageDeleted"),
    CHAT_ADDED("chatAdded"),
    CHAT_UPDATED("chatUpdated"),
    CHAT_MESSAGE_NOTIFICATION("chatMessageNotification"),
    MESSAGE_UPDATE_FOR_CHAT_LIST("messageUpdateForChatList"),
    UNREAD_COUNT_UPDATED("unreadCountUpdated"),
    MESSAGE_READ_UPDATED("messageReadUpdated"),
    MESSAGE_DELIVERED_UPDATED("messageDeliveredUpdated"),
    TYPING("typing"),
    PRESENCE_CHANGED("presenceChanged");

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException for a name the contract does not know */
    @JsonCreator
    public static EventType fromWireName(String name) {
        EventType type = BY_WIRE_NAME.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type: " + name);
        }
        return type;
    }

    /**
     * Whether receivers publish it themselves and route it to the connections watching its chat (typing) or its user
     * (presence), on a sender's grant, not to a listed audience: ephemeral, never stored, at most once.
     */
    public boolean routedToWatchers() {
        return this == TYPING || this == PRESENCE_CHANGED;
    }

    /** Null when the name is not an event of the contract. */
    public static EventType lookup(String name) {
        return name == null ? null : BY_WIRE_NAME.get(name);
    }
}
