package dev.switchboard.sender.admin;

import java.util.UUID;

/**
 * {@code {"chatId","fromSeq","events":N,"nextFromSeq":null}}: how many events were queued; {@code nextFromSeq} is
 * where to call again when the chat had more than one call re-publishes (null when done).
 */
public record RepublishResult(UUID chatId, long fromSeq, int events, Long nextFromSeq) {}
