package dev.switchboard.sender.chat;

import java.time.Instant;

/** The next message number of a chat, taken under its row lock, and the time the send happened. */
public record SeqAdvance(long seq, Instant at, String chatName) {
}
