package dev.switchboard.sender.auth;

/** {@code {"userId":"alice","ttlSeconds":3600}}; ttlSeconds optional. */
public record DevTokenRequest(String userId, Long ttlSeconds) {
}
