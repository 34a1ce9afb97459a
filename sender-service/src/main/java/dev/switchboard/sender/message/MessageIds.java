package dev.switchboard.sender.message;

import java.util.UUID;

/** Message ids from URL paths. */
final class MessageIds {

    private MessageIds() {}

    /** A path segment that is no UUID names no message: 404. */
    static UUID parse(UUID chatId, String messageId) {
        try {
            return UUID.fromString(messageId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MessageNotFoundException(chatId, messageId);
        }
    }
}
