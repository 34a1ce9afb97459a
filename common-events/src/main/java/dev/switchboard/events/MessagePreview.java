package dev.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as a notification or a chat-list line shows it: its reference and the start of its text, never more
 * than {@link #MAX_CHARS} characters, so that the events of a send to a big chat do not carry the content again and
 * again (messageAdded carries it in full, once). Only {@code text} content has a preview; other content types (for
 * example {@code ciphertext}) are opaque to the server, and a tombstone has no content.
 *
 * @param preview   the first {@link #MAX_CHARS} characters (code points) of a text message's content, or null
 * @param truncated whether the content is longer than the preview
 */
public record MessagePreview(
        UUID id,
        UUID chatId,
        long seq,
        String senderId,
        String contentType,
        String preview,
        boolean truncated,
        Instant createdAt,
        Instant editedAt,
        boolean deleted) {

    public static final int MAX_CHARS = 200;

    public static MessagePreview of(Message message) {
        String content = message.content();
        String preview = null;
        boolean truncated = false;
        if (content != null && "text".equals(message.contentType())) {
            int length = content.codePointCount(0, content.length());
            truncated = length > MAX_CHARS;
            preview = truncated ? content.substring(0, content.offsetByCodePoints(0, MAX_CHARS)) : content;
        }
        return new MessagePreview(
                message.id(),
                message.chatId(),
                message.seq(),
                message.senderId(),
                message.contentType(),
                preview,
                truncated,
                message.createdAt(),
                message.editedAt(),
                message.deleted());
    }
}
