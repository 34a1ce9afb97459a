package dev.switchboard.sender.problem;

/** One offending part of a request: a JSON field (dotted path, e.g. {@code memberIds[2]}), query parameter or header. */
public record FieldError(String field, String message) {}
