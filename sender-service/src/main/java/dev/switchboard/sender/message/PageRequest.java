package dev.switchboard.sender.message;

import dev.switchboard.sender.QueryParameters;
import dev.switchboard.sender.problem.ValidationErrors;

/**
 * Which page of a chat's history: messages after a seq in ascending order (catching up), or before a seq newest
 * first (scrolling back). Parsed from the raw query strings so that every bad parameter is named in the 400.
 */
public record PageRequest(Direction direction, long seq, int limit) {

    public enum Direction {
        /** seq > n, ascending */
        AFTER,
        /** seq < n, descending */
        BEFORE
    }

    /**
     * Neither afterSeq nor beforeSeq means "from the start" (afterSeq=0).
     *
     * @throws dev.switchboard.sender.problem.InvalidRequestException naming each bad parameter
     */
    public static PageRequest parse(String afterSeq, String beforeSeq, String limit, int defaultLimit, int maxLimit) {
        ValidationErrors errors = new ValidationErrors();
        if (afterSeq != null && beforeSeq != null) {
            errors.add("afterSeq", "cannot be combined with beforeSeq");
            errors.add("beforeSeq", "cannot be combined with afterSeq");
        }
        long after = parseSeq("afterSeq", afterSeq, errors);
        long before = parseSeq("beforeSeq", beforeSeq, errors);
        int size = QueryParameters.limit(limit, defaultLimit, maxLimit, errors);
        errors.throwIfAny();
        return beforeSeq != null
                ? new PageRequest(Direction.BEFORE, before, size)
                : new PageRequest(Direction.AFTER, afterSeq == null ? 0 : after, size);
    }

    private static long parseSeq(String name, String value, ValidationErrors errors) {
        if (value == null) {
            return 0;
        }
        long seq = QueryParameters.parseLong(value);
        if (seq < 0) {
            errors.add(name, "must be a non-negative integer");
        }
        return seq;
    }
}
