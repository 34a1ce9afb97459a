package dev.switchboard.sender.membership;

import dev.switchboard.events.MemberRole;
import java.time.Instant;

/**
 * A row of {@code chat_members} as stored: who is in the chat, with which role since when, and their read and delivered marks.
 * The unread count derived from it is the read package's rule ({@code read.UnreadRule}).
 *
 * @param lastReadSeq        the member has read every message up to this seq
 * @param uncountedAboveMark messages above the mark that do not count as unread (deleted ones)
 * @param joinedSeq          the chat's last seq when they joined (a {@code sinceJoin} chat hides what is at or below)
 * @param lastDeliveredSeq   the delivered mark as stored; read implies delivered ({@code receipt.ReceiptRule})
 */
public record Member(
        String userId,
        long lastReadSeq,
        long uncountedAboveMark,
        MemberRole role,
        long joinedSeq,
        Instant joinedAt,
        long lastDeliveredSeq) {

    /** The same member with their read mark moved to {@code seq}. */
    public Member withLastReadSeq(long seq) {
        return new Member(userId, seq, uncountedAboveMark, role, joinedSeq, joinedAt, lastDeliveredSeq);
    }

    /** A plain member who joined at the chat's start: the read state alone, as the read rule's tests need it. */
    public Member(String userId, long lastReadSeq, long uncountedAboveMark) {
        this(userId, lastReadSeq, uncountedAboveMark, MemberRole.MEMBER, 0, Instant.EPOCH, 0);
    }
}
