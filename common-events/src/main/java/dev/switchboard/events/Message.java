package dev.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** A chat message as clients see it, in REST answers and in events. {@code content} is null for a tombstone. */
public record Message(
        UUID id,
        UUID chatId,
        long seq,
        String senderId,
        String content,
        String contentType,
        String clientMessageId,
        Instant createdAt,
        Instant editedAt,
        boolean deleted) {}
