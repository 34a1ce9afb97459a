package dev.switchboard.sender.chat;

import dev.switchboard.events.HistoryVisibility;
import java.util.List;

/**
 * A validated chat to create: trimmed name, distinct valid member ids in order, the creator among them (as its
 * owner; everyone else a member), and what members added later may read of the history.
 */
public record NewChat(String name, String createdBy, List<String> memberIds, HistoryVisibility historyVisibility) {

    public NewChat {
        memberIds = List.copyOf(memberIds);
    }
}
