package dev.switchboard.sender.ratelimit;

import dev.switchboard.sender.problem.ClientProblem;
import java.time.Duration;
import java.util.OptionalLong;

/** Over a rate limit: 429, with when to try again. */
public class RateLimitedException extends ClientProblem {

    private final Action operation;
    private final Duration retryAfter;

    public RateLimitedException(Action operation, Duration retryAfter) {
        super(429, describe(operation, retryAfter));
        this.operation = operation;
        this.retryAfter = retryAfter;
    }

    public Action operation() {
        return operation;
    }

    /** Whole seconds, at least 1: what Retry-After says. */
    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    private static String describe(Action operation, Duration retryAfter) {
        String what = operation == Action.CHAT_SEND ? "messages into this chat" : "requests of this kind";
        return "too many " + what + "; retry in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s";
    }
}
