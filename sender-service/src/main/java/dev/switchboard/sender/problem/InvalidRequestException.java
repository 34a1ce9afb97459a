package dev.switchboard.sender.problem;

import java.util.List;
import java.util.stream.Collectors;

/** The request is well-formed JSON but breaks a rule of the contract: 400 with the offending fields. */
public class InvalidRequestException extends ClientProblem {

    private final int errorCount;

    public InvalidRequestException(List<FieldError> errors) {
        this(errors, errors.size());
    }

    /** {@code errors} lists some of the {@code errorCount} broken rules (the first ones). */
    public InvalidRequestException(List<FieldError> errors, int errorCount) {
        super(400, describe(errors, errorCount), errors);
        this.errorCount = errorCount;
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    @Override
    public int errorCount() {
        return errorCount;
    }

    private static String describe(List<FieldError> errors, int errorCount) {
        if (errors.isEmpty() || errorCount < errors.size()) {
            throw new IllegalArgumentException("an invalid request names at least one field, and counts every one");
        }
        String listed = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return errorCount == errors.size() ? listed : listed + "; and " + (errorCount - errors.size()) + " more";
    }
}
