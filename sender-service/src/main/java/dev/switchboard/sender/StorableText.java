package dev.switchboard.sender;

/**
 * The one rule for text the service stores: what PostgreSQL's UTF-8 {@code text} can hold exactly. It cannot hold
 * U+0000, and an unpaired UTF-16 surrogate (JSON allows {@code "\ud800"}) has no UTF-8 form: the driver would store
 * it as {@code ?}, so that different client message ids became equal and their messages were lost. Both are refused.
 */
public final class StorableText {

    private StorableText() {}

    /** Null when the text can be stored as it is; otherwise what is wrong with it, as a field error message. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the character U+0000";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (character " + i + ")";
            }
        }
        return null;
    }
}
