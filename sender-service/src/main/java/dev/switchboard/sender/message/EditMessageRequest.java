package dev.switchboard.sender.message;

/** {@code PATCH /api/v1/chats/{chatId}/messages/{messageId}} body as sent: the new content. */
public record EditMessageRequest(String content) {}
