package dev.switchboard.sender.ratelimit;

/**
 * A token bucket as the generic cell rate algorithm sees it: one request per {@link #intervalMillis()}, and up to
 * {@code burst} at once ({@link #toleranceMillis()} of credit).
 */
record Limit(int perMinute, int burst) {

    long intervalMillis() {
        return Math.max(1, 60_000L / perMinute);
    }

    long toleranceMillis() {
        return intervalMillis() * (burst - 1);
    }
}
