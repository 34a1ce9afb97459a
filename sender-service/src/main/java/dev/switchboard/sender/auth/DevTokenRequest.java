package dev.switchboard.sender.auth;

import java.util.List;

/**
 * {@code {"userId":"alice","ttlSeconds":3600,"groups":["switchboard-admin"]}}; ttlSeconds and groups optional.
 * groups becomes the token's {@code groups} claim (its roles), e.g. switchboard-admin for the admin API.
 */
public record DevTokenRequest(String userId, Long ttlSeconds, List<String> groups) {}
