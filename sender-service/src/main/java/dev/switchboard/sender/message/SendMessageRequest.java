package dev.switchboard.sender.message;

/** {@code POST /api/v1/chats/{chatId}/messages} body as sent; {@link NewMessageValidator} checks it. */
public record SendMessageRequest(String content, String contentType, String clientMessageId) {}
