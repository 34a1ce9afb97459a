package dev.switchboard.sender.problem;

import java.util.List;
import java.util.OptionalLong;

/**
 * A request the client can fix or must stop making: the base of every domain exception that becomes a 4xx answer.
 * It carries its HTTP status (and, where a field is to blame, the field errors), so the one {@link ProblemMapper}
 * maps them all without knowing the features that throw them.
 */
public abstract class ClientProblem extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    protected ClientProblem(int status, String detail) {
        this(status, detail, List.of());
    }

    protected ClientProblem(int status, String detail, List<FieldError> errors) {
        super(detail);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a client problem has a 4xx status, not " + status);
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    /** When the client may try again (Retry-After, whole seconds); empty when trying again will not help. */
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.empty();
    }

    /** How many fields break a rule: at least the number listed in {@link #errors}, more when the list was cut. */
    public int errorCount() {
        return errors.size();
    }

    /** The offending fields; empty when no single field is to blame. */
    public List<FieldError> errors() {
        return errors;
    }
}
