package dev.switchboard.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compact form of long id lists in events (big audiences, the counts of a big chat): the lines, joined by
 * {@code \n}, deflated (zlib, RFC 1950) and base64-encoded. User ids are short and alike, so a thousand of them shrink
 * to a few kilobytes. Unpacking is bounded: a payload that would inflate beyond {@link #MAX_UNPACKED_BYTES} is
 * refused, so a forged event cannot make a receiver allocate without limit.
 */
public final class PackedText {

    /** Larger than any list the contract allows (1,000 members of 64 characters with their counts). */
    public static final int MAX_UNPACKED_BYTES = 256 * 1024;

    private PackedText() {}

    public static String pack(List<String> lines) {
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(text);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** @throws IllegalArgumentException when the text is not a packed list, or unpacks to more than the bound */
    public static List<String> unpack(String packed) {
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(packed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("packed list is not base64", e);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("packed list is truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_UNPACKED_BYTES) {
                    throw new IllegalArgumentException(
                            "packed list unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
                }
            }
            String text = out.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("packed list is not deflated data", e);
        } finally {
            inflater.end();
        }
    }

    /** Lines of {@code key count}, as packed counts hold them. */
    static List<String> countLines(java.util.Map<String, Long> counts) {
        List<String> lines = new ArrayList<>(counts.size());
        counts.forEach((user, count) -> lines.add(user + " " + count));
        return lines;
    }
}
