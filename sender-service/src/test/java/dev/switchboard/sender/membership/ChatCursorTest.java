package dev.switchboard.sender.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.problem.InvalidRequestException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatCursorTest {

    @Test
    void aCursorRoundTripsWithMicrosecondPrecisionAndIsUrlSafe() {
        ChatCursor cursor = new ChatCursor(Instant.parse("2026-11-22T10:15:30.123456Z"), UUID.randomUUID());

        String encoded = cursor.encode();

        assertEquals(cursor, ChatCursor.decode(encoded));
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
    }

    @Test
    void anythingElseIsA400NamingTheCursor() {
        for (String bad : new String[] {"", "%%%", "djJ8eHx5", "djF8bm90LWEtdGltZXwx"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ChatCursor.decode(bad), bad);
            assertEquals("cursor", e.errors().getFirst().field());
        }
    }

    @Test
    void aForgedCursorWithATimeOutsideWhatTheDatabaseHoldsIsA400NotA500() {
        for (String time : new String[] {"+1000000000-12-31T23:59:59Z", "-290000-01-01T00:00:00Z"}) {
            String forged = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            ("v1|" + time + "|" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            InvalidRequestException e =
                    assertThrows(InvalidRequestException.class, () -> ChatCursor.decode(forged), time);
            assertEquals("cursor", e.errors().getFirst().field());
        }
    }
}
