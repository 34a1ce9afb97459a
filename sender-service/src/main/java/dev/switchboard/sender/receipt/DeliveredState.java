package dev.switchboard.sender.receipt;

import java.util.UUID;

/** {@code {"chatId","userId","lastDeliveredSeq","lastReadSeq"}}: a member's marks after a delivered call. */
public record DeliveredState(UUID chatId, String userId, long lastDeliveredSeq, long lastReadSeq) {}
