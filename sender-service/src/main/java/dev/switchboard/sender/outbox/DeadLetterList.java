package dev.switchboard.sender.outbox;

import java.util.List;

/** {@code {"deadLetters":[...],"total":3}}: the oldest {@code limit} dead letters, and how many there are. */
public record DeadLetterList(List<DeadLetter> deadLetters, long total) {}
