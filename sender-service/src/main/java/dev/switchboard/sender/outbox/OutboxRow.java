package dev.switchboard.sender.outbox;

/** One committed, not yet published event: the envelope exactly as it will go on the wire. */
public record OutboxRow(long id, String eventType, String payload) {
}
