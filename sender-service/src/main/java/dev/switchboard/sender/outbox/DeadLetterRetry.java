package dev.switchboard.sender.outbox;

/** {@code {"id":17,"outboxId":912}}: the dead letter, and the new outbox row it became. */
public record DeadLetterRetry(long id, long outboxId) {}
