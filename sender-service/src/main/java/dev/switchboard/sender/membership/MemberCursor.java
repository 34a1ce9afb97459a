package dev.switchboard.sender.membership;

import dev.switchboard.sender.auth.UserIds;
import dev.switchboard.sender.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Where a page of a chat's members ends: the last user id on it (members are listed in id order). Opaque to clients. */
public record MemberCursor(String afterUserId) {

    private static final String VERSION = "m1";

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((VERSION + "|" + afterUserId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidRequestException naming {@code cursor} when the string is not one this service made */
    public static MemberCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length == 2 && VERSION.equals(parts[0]) && UserIds.isValid(parts[1])) {
                return new MemberCursor(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400
        }
        throw InvalidRequestException.of("cursor", "must be a nextCursor value returned by this API, unchanged");
    }
}
