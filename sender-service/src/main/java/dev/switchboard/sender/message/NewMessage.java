package dev.switchboard.sender.message;

/** A validated message to send; contentType defaulted, clientMessageId optional. */
public record NewMessage(String content, String contentType, String clientMessageId, String originConnectionId) {}
