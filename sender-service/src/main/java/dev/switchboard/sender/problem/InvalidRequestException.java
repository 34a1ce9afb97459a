package dev.switchboard.sender.problem;

import java.util.List;
import java.util.stream.Collectors;

/** The request is well-formed JSON but breaks a rule of the contract: 400 with every offending field. */
public class InvalidRequestException extends ClientProblem {

    public InvalidRequestException(List<FieldError> errors) {
        super(400, describe(errors), errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
