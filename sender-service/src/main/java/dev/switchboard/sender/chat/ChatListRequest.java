package dev.switchboard.sender.chat;

import dev.switchboard.sender.QueryParameters;
import dev.switchboard.sender.membership.ChatCursor;
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
        int size = QueryParameters.limit(limit, defaultLimit, maxLimit, errors);
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
}
