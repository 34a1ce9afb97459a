package dev.switchboard.receiver.delivery;

import java.time.Instant;
import java.util.Set;

/** The users one connection follows the presence of, on a grant that holds until {@code until}. */
public record PresenceSubscription(Set<String> userIds, Instant until) {

    public static final PresenceSubscription NONE = new PresenceSubscription(Set.of(), Instant.EPOCH);

    public PresenceSubscription {
        userIds = Set.copyOf(userIds);
    }

    public boolean follows(String userId, Instant now) {
        return until.isAfter(now) && userIds.contains(userId);
    }
}
