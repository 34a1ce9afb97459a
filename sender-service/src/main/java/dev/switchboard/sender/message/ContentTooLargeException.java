package dev.switchboard.sender.message;

/** The message content exceeds the configured size (413, as the contract says). */
public class ContentTooLargeException extends RuntimeException {

    private final int maxBytes;

    public ContentTooLargeException(int actualBytes, int maxBytes) {
        super("content is " + actualBytes + " bytes of UTF-8, at most " + maxBytes + " are allowed");
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
