package dev.switchboard.sender.chat;

import java.util.List;
import java.util.Map;

/**
 * {@code PATCH /api/v1/chats/{chatId}} body as sent, every field optional;
 * {@link ChatChangeValidator} turns it into a {@link ChatChange}. {@code roles} maps user ids (members, or users
 * added by the same change) to {@code owner}, {@code admin} or {@code member}.
 */
public record UpdateChatRequest(
        String name,
        List<String> addMemberIds,
        List<String> removeMemberIds,
        Map<String, String> roles,
        String historyVisibility) {

    public UpdateChatRequest(String name, List<String> addMemberIds, List<String> removeMemberIds) {
        this(name, addMemberIds, removeMemberIds, null, null);
    }
}
