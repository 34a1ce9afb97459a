package dev.switchboard.sender.membership;

/**
 * A row of {@code chat_members} as stored: who is in the chat and their read state. The unread count derived from
 * it is the read package's rule ({@code read.UnreadRule}).
 *
 * @param lastReadSeq        the member has read every message up to this seq
 * @param uncountedAboveMark messages above the mark that do not count as unread (deleted ones)
 */
public record Member(String userId, long lastReadSeq, long uncountedAboveMark) {}
