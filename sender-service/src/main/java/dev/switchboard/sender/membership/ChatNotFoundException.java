package dev.switchboard.sender.membership;

import dev.switchboard.sender.problem.ClientProblem;
import java.util.UUID;

/**
 * The chat does not exist or the caller is not one of its members. One exception for both on purpose: the
 * answer must not tell a stranger whether a chat id exists.
 */
public class ChatNotFoundException extends ClientProblem {

    public ChatNotFoundException(UUID chatId) {
        super(404, "no chat " + chatId + " that you are a member of");
    }

    public ChatNotFoundException(String chatId) {
        super(404, "no chat " + chatId + " that you are a member of");
    }
}
