package dev.switchboard.sender.read;

import java.util.UUID;

/** {@code {"chatId","unreadCount"}}: one chat of {@code GET /api/v1/unread}. */
public record UnreadChat(UUID chatId, long unreadCount) {}
