package dev.switchboard.events;

import java.util.Collection;
import java.util.List;

/** Who gets an event: these users' connections, less the listed connections. */
public record Audience(List<String> userIds, List<String> excludeConnectionIds) {

    public Audience {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
        excludeConnectionIds = excludeConnectionIds == null ? List.of() : List.copyOf(excludeConnectionIds);
    }

    public static Audience of(Collection<String> userIds) {
        return new Audience(List.copyOf(userIds), List.of());
    }

    public Audience excluding(String connectionId) {
        if (connectionId == null || connectionId.isBlank()) {
            return this;
        }
        return new Audience(userIds, List.of(connectionId));
    }
}
