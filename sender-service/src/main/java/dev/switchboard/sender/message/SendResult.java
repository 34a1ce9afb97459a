package dev.switchboard.sender.message;

import dev.switchboard.events.Message;

/** The outcome of a send: a new message (201), or the original one of an earlier send with the same clientMessageId (200). */
public record SendResult(Message message, boolean created) {

    public static SendResult created(Message message) {
        return new SendResult(message, true);
    }

    public static SendResult original(Message message) {
        return new SendResult(message, false);
    }
}
