package dev.switchboard.sender.message;

import dev.switchboard.sender.problem.ClientProblem;
import java.util.UUID;

/** A tombstone cannot be edited (409: the message exists, but its state does not allow the change). */
public class MessageDeletedException extends ClientProblem {

    public MessageDeletedException(UUID messageId) {
        super(409, "message " + messageId + " was deleted and can no longer be edited");
    }
}
