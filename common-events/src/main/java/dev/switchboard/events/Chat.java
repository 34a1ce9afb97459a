package dev.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A chat as clients see it. */
public record Chat(UUID id, String name, List<String> memberIds, String createdBy, Instant createdAt, long lastSeq) {}
