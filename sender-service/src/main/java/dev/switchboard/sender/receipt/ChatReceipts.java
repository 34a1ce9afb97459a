package dev.switchboard.sender.receipt;

import java.util.UUID;

/**
 * {@code GET /api/v1/chats/{chatId}/receipts}: the chat's ticks, its last seq, and the caller's own marks (what a
 * client that reconnects needs to redraw every tick).
 */
public record ChatReceipts(
        UUID chatId,
        long lastSeq,
        long deliveredToAllSeq,
        long readByAllSeq,
        long myLastDeliveredSeq,
        long myLastReadSeq) {}
