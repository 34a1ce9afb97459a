package dev.switchboard.sender.message;

import dev.switchboard.sender.problem.ClientProblem;
import dev.switchboard.sender.problem.FieldError;
import java.util.List;

/**
 * The unique index refused a second message with this (chat, sender, clientMessageId). Internal: the send then
 * answers with the original message; this only reaches a client (as 409) in the unlikely case that the original
 * cannot be read back.
 */
public class DuplicateClientMessageIdException extends ClientProblem {

    public DuplicateClientMessageIdException(String clientMessageId) {
        super(409, message(clientMessageId), List.of(new FieldError("clientMessageId", message(clientMessageId))));
    }

    private static String message(String clientMessageId) {
        return "clientMessageId " + clientMessageId + " was already used by you in this chat";
    }
}
