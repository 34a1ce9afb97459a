package dev.switchboard.sender.message;

/**
 * The unique index refused a second message with this (chat, sender, clientMessageId). Internal: the send then
 * answers with the original message; this only reaches a client (as 409) in the unlikely case that the original
 * cannot be read back.
 */
public class DuplicateClientMessageIdException extends RuntimeException {

    public DuplicateClientMessageIdException(String clientMessageId) {
        super("clientMessageId " + clientMessageId + " was already used by you in this chat");
    }
}
