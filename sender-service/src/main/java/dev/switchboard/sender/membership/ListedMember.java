package dev.switchboard.sender.membership;

import dev.switchboard.events.MemberRole;
import java.time.Instant;

/** One member in {@code GET /api/v1/chats/{chatId}/members}. */
public record ListedMember(String userId, MemberRole role, Instant joinedAt) {}
