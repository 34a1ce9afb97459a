package dev.switchboard.sender.chat;

import java.util.List;

/**
 * {@code PATCH /api/v1/chats/{chatId}} body as sent, every field optional;
 * {@link ChatChangeValidator} turns it into a {@link ChatChange}.
 */
public record UpdateChatRequest(String name, List<String> addMemberIds, List<String> removeMemberIds) {}
