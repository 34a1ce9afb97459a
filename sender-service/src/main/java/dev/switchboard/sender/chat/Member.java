package dev.switchboard.sender.chat;

/** A row of {@code chat_members}: who is in the chat, how far they have read, how much they have not. */
public record Member(String userId, long lastReadSeq, long unreadCount) {}
