package dev.switchboard.sender.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every rule a request breaks, so the client learns about all of them in one 400. */
public final class ValidationErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public ValidationErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** @throws InvalidRequestException when any rule was broken */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
