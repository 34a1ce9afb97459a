package dev.switchboard.sender.message;

import java.util.UUID;

/** A tombstone cannot be edited (409: the message exists, but its state does not allow the change). */
public class MessageDeletedException extends RuntimeException {

    public MessageDeletedException(UUID messageId) {
        super("message " + messageId + " was deleted and can no longer be edited");
    }
}
