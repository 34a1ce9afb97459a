package dev.switchboard.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the golden event files that pin the wire format. Shipped in the test-jar so that the producing
 * (sender) and the consuming (receiver) side test against the very same bytes.
 */
public final class GoldenEvents {

    private GoldenEvents() {}

    public static String json(EventType type) {
        String path = "/golden/" + type.wireName() + ".json";
        try (InputStream in = GoldenEvents.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
