package dev.switchboard.sender.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code field} names the (first) offending field so that simple clients need
 * not walk {@code errors}; {@code errors} lists them, at most {@link ValidationErrors#MAX_LISTED}, and
 * {@code errorCount} says how many there are in all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String field,
        List<FieldError> errors,
        Integer errorCount) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
