package dev.switchboard.sender.auth;

/** {@code {"token":"<jwt>"}} */
public record DevTokenResponse(String token) {}
