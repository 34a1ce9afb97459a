package dev.switchboard.sender.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every rule a request breaks, so the client learns about all of them in one 400. The answer lists at
 * most {@link #MAX_LISTED} of them and counts the rest: a body of 50,000 bad ids is not worth 50,000 errors back.
 */
public final class ValidationErrors {

    public static final int MAX_LISTED = 20;

    private final List<FieldError> errors = new ArrayList<>();
    private int count;

    public ValidationErrors add(String field, String message) {
        count++;
        if (errors.size() < MAX_LISTED) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** @throws InvalidRequestException when any rule was broken */
    public void throwIfAny() {
        if (count > 0) {
            throw new InvalidRequestException(errors, count);
        }
    }
}
