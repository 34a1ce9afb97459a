package dev.switchboard.sender.message;

/**
 * The sender already used this clientMessageId in this chat. Until idempotent retries answer with the original
 * message, this is a 409 rather than a second copy of the message.
 */
public class DuplicateClientMessageIdException extends RuntimeException {

    public DuplicateClientMessageIdException(String clientMessageId) {
        super("clientMessageId " + clientMessageId + " was already used by you in this chat");
    }
}
