package dev.switchboard.sender.auth;

import java.util.regex.Pattern;

/** The contract's user id: 1 to 64 characters from {@code [A-Za-z0-9._@-]}, carried as the JWT {@code sub}. */
public final class UserIds {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public static final String RULE = "must be 1 to 64 characters from A-Z a-z 0-9 . _ @ -";

    private UserIds() {}

    public static boolean isValid(String userId) {
        return userId != null && USER_ID.matcher(userId).matches();
    }
}
