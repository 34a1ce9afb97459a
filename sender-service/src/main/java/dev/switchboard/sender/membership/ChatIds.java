package dev.switchboard.sender.membership;

import java.util.UUID;

/** Chat ids from URL paths. */
public final class ChatIds {

    private ChatIds() {}

    /** A path segment that is no UUID names no chat: 404 like any other chat the caller cannot see. */
    public static UUID parse(String chatId) {
        try {
            return UUID.fromString(chatId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ChatNotFoundException(chatId);
        }
    }
}
