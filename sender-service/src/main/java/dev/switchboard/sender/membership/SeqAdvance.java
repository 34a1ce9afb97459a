package dev.switchboard.sender.membership;

import dev.switchboard.events.Chat;
import java.time.Instant;

/**
 * A chat row just locked by taking its next message number ({@code chat.lastSeq()} is that number; its member list
 * is not read yet), and the time the send happened.
 */
public record SeqAdvance(Chat chat, Instant at) {

    public long seq() {
        return chat.lastSeq();
    }
}
