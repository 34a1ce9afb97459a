package dev.switchboard.sender.message;

import dev.switchboard.sender.problem.ClientProblem;
import dev.switchboard.sender.problem.FieldError;
import java.util.List;

/** The message content exceeds the configured size (413, as the contract says). */
public class ContentTooLargeException extends ClientProblem {

    private final int maxBytes;

    public ContentTooLargeException(int actualBytes, int maxBytes) {
        super(
                413,
                "content is " + actualBytes + " bytes of UTF-8, at most " + maxBytes + " are allowed",
                List.of(new FieldError("content", "must be at most " + maxBytes + " bytes of UTF-8")));
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
