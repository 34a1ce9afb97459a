package dev.switchboard.sender.chat;

import java.util.List;

/** {@code POST /api/v1/chats} body as sent; {@link NewChatValidator} turns it into a {@link NewChat}. */
public record CreateChatRequest(String name, List<String> memberIds) {}
