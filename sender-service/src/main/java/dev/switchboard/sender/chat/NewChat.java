package dev.switchboard.sender.chat;

import java.util.List;

/** A validated chat to create: trimmed name, distinct valid member ids in order, the creator among them. */
public record NewChat(String name, String createdBy, List<String> memberIds) {

    public NewChat {
        memberIds = List.copyOf(memberIds);
    }
}
