package dev.switchboard.sender.read;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Builds the read-state events of the contract, with the audiences the contract gives them. */
@ApplicationScoped
public class ReadEvents {

    private final EventCodec codec;

    public ReadEvents(EventCodec codec) {
        this.codec = codec;
    }

    /** messageReadUpdated: to every member (read receipts), where the reader's mark is now. */
    public EventEnvelope messageReadUpdated(
            UUID chatId, String userId, long lastReadSeq, Instant readAt, List<String> memberIds) {
        return codec.envelope(
                EventType.MESSAGE_READ_UPDATED,
                chatId,
                readAt,
                Audience.of(memberIds),
                new EventData.ReadMark(chatId, userId, lastReadSeq, readAt));
    }

    /**
     * unreadCountUpdated: ONE event to exactly the members whose count changed, with each one's new count (receivers
     * cut it down to the recipient's own). Null when no count changed: no event has an empty audience.
     */
    public EventEnvelope unreadCountUpdated(UUID chatId, Map<String, Long> changedCounts, Instant at) {
        if (changedCounts.isEmpty()) {
            return null;
        }
        SortedMap<String, Long> counts = new TreeMap<>(changedCounts);
        return codec.envelope(
                EventType.UNREAD_COUNT_UPDATED,
                chatId,
                at,
                Audience.of(counts.keySet()),
                new EventData.UnreadCounts(chatId, counts));
    }
}
