package dev.switchboard.sender.message;

import dev.switchboard.sender.problem.ClientProblem;
import java.util.UUID;

/** The chat (which the caller is a member of) has no message with this id. */
public class MessageNotFoundException extends ClientProblem {

    public MessageNotFoundException(UUID chatId, String messageId) {
        super(404, "chat " + chatId + " has no message " + messageId);
    }
}
