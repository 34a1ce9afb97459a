package dev.switchboard.sender.outbox;

import java.util.UUID;

/**
 * One committed, not yet published event: the envelope exactly as it will go on the wire, its chat's partition, and
 * how often Redis has refused it so far ({@code attempts}: failures attributable to this row only, never an outage).
 */
public record OutboxRow(long id, int partition, UUID chatId, String eventType, String payload, int attempts) {}
