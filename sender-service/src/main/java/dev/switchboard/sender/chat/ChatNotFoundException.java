package dev.switchboard.sender.chat;

import java.util.UUID;

/**
 * The chat does not exist or the caller is not one of its members. One exception for both on purpose: the
 * answer must not tell a stranger whether a chat id exists.
 */
public class ChatNotFoundException extends RuntimeException {

    public ChatNotFoundException(UUID chatId) {
        super("no chat " + chatId + " that you are a member of");
    }

    public ChatNotFoundException(String chatId) {
        super("no chat " + chatId + " that you are a member of");
    }
}
