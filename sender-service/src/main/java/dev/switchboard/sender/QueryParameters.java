package dev.switchboard.sender;

import dev.switchboard.sender.problem.ValidationErrors;

/** The query parameters every listing shares, read from their raw strings so that a bad one is named in the 400. */
public final class QueryParameters {

    private QueryParameters() {}

    /**
     * The page size: {@code defaultLimit} when absent, else 1 to {@code maxLimit}; anything else is recorded against
     * {@code limit} (and the default returned, for the caller to throw on).
     */
    public static int limit(String raw, int defaultLimit, int maxLimit, ValidationErrors errors) {
        if (raw == null) {
            return defaultLimit;
        }
        long parsed = parseLong(raw);
        if (parsed < 1 || parsed > maxLimit) {
            errors.add("limit", "must be an integer from 1 to " + maxLimit);
            return defaultLimit;
        }
        return (int) parsed;
    }

    /** -1 for anything that is not a plain decimal integer (so it fails a range check for non-negative values). */
    public static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
