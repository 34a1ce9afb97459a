package dev.switchboard.sender.problem;

import java.util.List;
import java.util.stream.Collectors;

/** The request is well-formed JSON but breaks a rule of the contract: 400 with every offending field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
