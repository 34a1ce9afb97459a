package dev.switchboard.sender.chat;

import java.util.List;

/**
 * {@code POST /api/v1/chats} body as sent; {@link NewChatValidator} turns it into a {@link NewChat}.
 * {@code historyVisibility} is {@code all} (the default) or {@code sinceJoin}.
 */
public record CreateChatRequest(String name, List<String> memberIds, String historyVisibility) {

    public CreateChatRequest(String name, List<String> memberIds) {
        this(name, memberIds, null);
    }
}
