package dev.switchboard.loadgen;

import java.util.Optional;

/**
 * What the load generator puts in a message's {@code content}: {@code lg|<run>|<n>|<intendedNanos>}, optionally
 * padded with {@code |xxx...} to a minimum size. Carrying the intended send time in the message itself lets every
 * receiving connection compute latency without any shared lookup table; {@code System.nanoTime()} values are
 * only comparable inside one process, which is why the generator both sends and receives.
 *
 * @param runId         this run's id: messages of other runs (or other tools) are ignored
 * @param sequence      the generator's own message number, 0-based, unique within the run
 * @param intendedNanos {@code System.nanoTime()} at which the schedule meant to send the message
 */
public record MessageContent(String runId, long sequence, long intendedNanos) {

    static final String PREFIX = "lg|";

    public MessageContent {
        if (runId.isEmpty() || runId.indexOf('|') >= 0) {
            throw new IllegalArgumentException("run id must be non-empty and free of '|': " + runId);
        }
    }

    public String encode() {
        return PREFIX + runId + '|' + sequence + '|' + intendedNanos;
    }

    /** The encoded form padded with {@code |x...} up to {@code minLength} characters (ASCII, so bytes too). */
    public String encode(int minLength) {
        String plain = encode();
        if (plain.length() + 1 >= minLength) {
            return plain;
        }
        return plain + '|' + "x".repeat(minLength - plain.length() - 1);
    }

    /** Reads content written by {@link #encode}; empty for anything else (other runs' format, edits, tombstones). */
    public static Optional<MessageContent> decode(String content) {
        if (content == null || !content.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int runEnd = content.indexOf('|', PREFIX.length());
        int seqEnd = runEnd < 0 ? -1 : content.indexOf('|', runEnd + 1);
        if (runEnd <= PREFIX.length() || seqEnd < 0) {
            return Optional.empty();
        }
        int nanosEnd = content.indexOf('|', seqEnd + 1);
        if (nanosEnd < 0) {
            nanosEnd = content.length();
        }
        try {
            return Optional.of(new MessageContent(
                    content.substring(PREFIX.length(), runEnd),
                    Long.parseLong(content, runEnd + 1, seqEnd, 10),
                    Long.parseLong(content, seqEnd + 1, nanosEnd, 10)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
