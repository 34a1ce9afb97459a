package dev.switchboard.sender.receipt;

/**
 * {@code {"deliveredToAllSeq","readByAllSeq"}}: every message of the chat up to the first reached every member, up
 * to the second every member read it. A message with a seq at or below them shows delivered or read; in a 1:1 chat
 * that is the other member's state, per message.
 */
public record ReceiptTicks(long deliveredToAllSeq, long readByAllSeq) {}
