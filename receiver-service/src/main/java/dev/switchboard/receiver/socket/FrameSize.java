package dev.switchboard.receiver.socket;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** The client frame size limit (switchboard.socket.max-message-bytes), which the contract counts in bytes. */
final class FrameSize {

    private FrameSize() {}

    /** Whether {@code text} takes more than {@code maxBytes} in UTF-8; counts only as far as needed. */
    static boolean exceeds(String text, int maxBytes) {
        if (text.length() * 3L <= maxBytes) {
            return false; // no UTF-16 char takes more than 3 bytes (a surrogate pair takes 4 for 2 chars)
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes: 2 per half
            } else {
                bytes += 3;
            }
            if (bytes > maxBytes) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a connection failure reports a too-big message. Vert.x enforces the server limits but only reports
     * a breach (netty's decoder for one oversized frame, Vert.x's aggregator for a fragmented message); closing with
     * 1009 is then ours to do.
     */
    static boolean isTooBigFailure(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return corrupted.closeStatus() != null
                    && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
        }
        return failure instanceof IllegalStateException
                && failure.getMessage() != null
                && failure.getMessage().contains("max message size");
    }
}
