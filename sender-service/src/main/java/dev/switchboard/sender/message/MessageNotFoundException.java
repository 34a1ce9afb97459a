package dev.switchboard.sender.message;

import java.util.UUID;

/** The chat (which the caller is a member of) has no message with this id. */
public class MessageNotFoundException extends RuntimeException {

    public MessageNotFoundException(UUID chatId, String messageId) {
        super("chat " + chatId + " has no message " + messageId);
    }
}
