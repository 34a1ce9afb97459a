package dev.switchboard.sender.message;

import java.util.UUID;

/** Only a message's sender may edit or delete it (403). */
public class NotTheAuthorException extends RuntimeException {

    public NotTheAuthorException(UUID messageId, String action) {
        super("only the sender of message " + messageId + " may " + action + " it");
    }
}
