package dev.switchboard.sender.membership;

import dev.switchboard.sender.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the chat list ends: the keyset (last activity, chat id) of its last chat. Clients get it as an
 * opaque string ({@code nextCursor}) and hand it back unchanged; its format may change between versions.
 */
public record ChatCursor(Instant lastActivityAt, UUID chatId) {

    private static final String VERSION = "v1";
    /** Activity times a chat can have; anything else was not made by this service (and PostgreSQL would refuse it). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** URL-safe base64 of {@code v1|<instant>|<uuid>}, so it can go into a query string as it is. */
    public String encode() {
        String plain = VERSION + "|" + lastActivityAt + "|" + chatId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidRequestException naming {@code cursor} when the string is not one this service made */
    public static ChatCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            Instant at = Instant.parse(parts[1]);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw invalid();
            }
            return new ChatCursor(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static InvalidRequestException invalid() {
        return InvalidRequestException.of("cursor", "must be a nextCursor value returned by this API, unchanged");
    }
}
