package dev.switchboard.sender.chat;

import dev.switchboard.sender.problem.InvalidRequestException;
import dev.switchboard.sender.problem.ValidationErrors;

/** Which page of the chat list: at most {@code limit} chats after {@code after} (null: from the newest). */
public record ChatListRequest(int limit, ChatCursor after) {

    /**
     * Parsed from the raw query strings so that a bad parameter is named in the 400.
     *
     * @throws InvalidRequestException naming each bad parameter
     */
    public static ChatListRequest parse(String limit, String cursor, int defaultLimit, int maxLimit) {
        ValidationErrors errors = new ValidationErrors();
        int size = defaultLimit;
        if (limit != null) {
            long parsed = parseLong(limit);
            if (parsed < 1 || parsed > maxLimit) {
                errors.add("limit", "must be an integer from 1 to " + maxLimit);
            } else {
                size = (int) parsed;
            }
        }
        ChatCursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = ChatCursor.decode(cursor);
            } catch (InvalidRequestException e) {
                e.errors().forEach(error -> errors.add(error.field(), error.message()));
            }
        }
        errors.throwIfAny();
        return new ChatListRequest(size, after);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
