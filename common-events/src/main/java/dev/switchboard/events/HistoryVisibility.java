package dev.switchboard.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a member added to a chat may read of the messages sent before they joined: everything ({@code all}, the
 * default) or only what was sent after ({@code sinceJoin}). A per-chat setting that only the owner changes.
 */
public enum HistoryVisibility {
    ALL("all"),
    SINCE_JOIN("sinceJoin");

    private final String wireName;

    HistoryVisibility(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON and in the database. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static HistoryVisibility fromWireName(String name) {
        for (HistoryVisibility visibility : values()) {
            if (visibility.wireName.equals(name)) {
                return visibility;
            }
        }
        throw new IllegalArgumentException("historyVisibility is all or sinceJoin, not " + name);
    }
}
