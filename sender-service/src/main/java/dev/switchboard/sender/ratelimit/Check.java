package dev.switchboard.sender.ratelimit;

/**
 * One bucket to look at in a limit check: which one, its limit, and whether the check takes a token from it
 * ({@code take}) or only looks whether it has one (a chat's bucket before the send knows the sender is a member).
 */
record Check(Action operation, String subject, Limit limit, boolean take) {

    /** The bucket's key, the same on every sender. */
    String key(String prefix) {
        return prefix + operation.label() + ":" + subject;
    }
}
