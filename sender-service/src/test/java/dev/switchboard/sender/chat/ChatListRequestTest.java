package dev.switchboard.sender.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.sender.membership.ChatCursor;
import dev.switchboard.sender.problem.FieldError;
import dev.switchboard.sender.problem.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatListRequestTest {

    @Test
    void defaultsToTheFirstPageOfTheDefaultSize() {
        ChatListRequest request = ChatListRequest.parse(null, null, 50, 200);

        assertEquals(50, request.limit());
        assertNull(request.after());
    }

    @Test
    void readsLimitAndCursor() {
        ChatCursor cursor = new ChatCursor(Instant.parse("2026-11-22T10:00:00Z"), UUID.randomUUID());

        ChatListRequest request = ChatListRequest.parse("200", cursor.encode(), 50, 200);

        assertEquals(200, request.limit());
        assertEquals(cursor, request.after());
    }

    @Test
    void namesEveryBadParameter() {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> ChatListRequest.parse("abc", "nope", 50, 200));

        assertEquals(
                List.of("limit", "cursor"),
                e.errors().stream().map(FieldError::field).toList());
    }
}
