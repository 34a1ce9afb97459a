package dev.switchboard.sender.message;

import dev.switchboard.sender.problem.ClientProblem;
import java.util.UUID;

/** Only a message's sender may edit or delete it (403). */
public class NotTheAuthorException extends ClientProblem {

    public NotTheAuthorException(UUID messageId, String action) {
        super(403, "only the sender of message " + messageId + " may " + action + " it");
    }
}
