package dev.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A chat as clients see it. */
public record Chat(
        UUID id,
        String name,
        List<String> memberIds,
        String createdBy,
        Instant createdAt,
        long lastSeq,
        HistoryVisibility historyVisibility) {

    /** The same chat with these members. */
    public Chat withMembers(List<String> members) {
        return new Chat(id, name, List.copyOf(members), createdBy, createdAt, lastSeq, historyVisibility);
    }
}
