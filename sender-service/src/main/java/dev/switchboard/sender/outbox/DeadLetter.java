package dev.switchboard.sender.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the relay gave up on, as the admin API lists it: ids and the last error, never the payload (it
 * holds message content). {@code eventId} is the envelope's id, null when the payload has none.
 */
public record DeadLetter(
        long id,
        String eventType,
        UUID chatId,
        String eventId,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant deadLetteredAt) {}
