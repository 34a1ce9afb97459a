package dev.switchboard.sender.read;

import java.util.UUID;

/** {@code {"chatId","userId","lastReadSeq","unreadCount"}}: a member's read mark in a chat and what is left unread. */
public record ReadState(UUID chatId, String userId, long lastReadSeq, long unreadCount) {}
