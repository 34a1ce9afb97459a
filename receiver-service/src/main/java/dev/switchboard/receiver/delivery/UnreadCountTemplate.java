package dev.switchboard.receiver.delivery;

import dev.switchboard.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The per-user frames of one unreadCountUpdated event. They differ only in the user id and the count, so the
 * rest is serialised once per event (by Jackson, as a frame for user {@code ""} with count 0) and each user's frame
 * is that prefix, the user id as a JSON string, and the count: a copy of bytes per recipient instead of a Jackson
 * run. The output is byte for byte what Jackson would write (UnreadCountTemplateTest pins it); an id with anything
 * that JSON escapes, or with characters outside ASCII, is escaped by Jackson itself rather than by code here.
 */
public final class UnreadCountTemplate {

    /** How the sample frame ends: the data record's last two fields, then the data object and the frame close. */
    private static final String SAMPLE_TAIL = "\"userId\":\"\",\"unreadCount\":0}}";

    private static final byte[] BETWEEN = "\",\"unreadCount\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix;
    private final EventCodec codec;

    private UnreadCountTemplate(byte[] prefix, EventCodec codec) {
        this.prefix = prefix;
        this.codec = codec;
    }

    /**
     * @param sampleFrame Jackson's frame of the event for user id {@code ""} and count 0
     * @throws IllegalStateException when the sample does not end as expected (the frame's field order changed)
     */
    static UnreadCountTemplate of(String sampleFrame, EventCodec codec) {
        if (!sampleFrame.endsWith(SAMPLE_TAIL)) {
            throw new IllegalStateException("unreadCount frame no longer ends with " + SAMPLE_TAIL
                    + ": UnreadCountTemplate must follow the new field order");
        }
        String prefix = sampleFrame.substring(0, sampleFrame.length() - SAMPLE_TAIL.length()) + "\"userId\":\"";
        return new UnreadCountTemplate(prefix.getBytes(StandardCharsets.UTF_8), codec);
    }

    public EncodedFrame frameFor(String userId, long unreadCount) {
        String count = Long.toString(unreadCount);
        byte[] escaped = needsJackson(userId) ? escapedByJackson(userId) : null;
        int idLength = escaped == null ? userId.length() : escaped.length;
        byte[] frame = Arrays.copyOf(prefix, prefix.length + idLength + BETWEEN.length + count.length() + END.length);
        int at = prefix.length;
        if (escaped == null) {
            for (int i = 0; i < idLength; i++) {
                frame[at++] = (byte) userId.charAt(i); // printable ASCII without quote or backslash: as is
            }
        } else {
            System.arraycopy(escaped, 0, frame, at, idLength);
            at += idLength;
        }
        System.arraycopy(BETWEEN, 0, frame, at, BETWEEN.length);
        at += BETWEEN.length;
        for (int i = 0; i < count.length(); i++) {
            frame[at++] = (byte) count.charAt(i);
        }
        System.arraycopy(END, 0, frame, at, END.length);
        return EncodedFrame.ofUtf8(frame);
    }

    /** Contract user ids ({@code [A-Za-z0-9._@-]}) never do; anything else goes the slow, certainly-equal way. */
    private static boolean needsJackson(String userId) {
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The id as Jackson writes a JSON string, less the quotes, as UTF-8 (String first, like every other frame). */
    private byte[] escapedByJackson(String userId) {
        String quoted = codec.encode(userId);
        return quoted.substring(1, quoted.length() - 1).getBytes(StandardCharsets.UTF_8);
    }
}
