package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.EncodedFrame;

/**
 * A server-to-client WebSocket frame as bytes (RFC 6455 5.2): a final text frame, unmasked (servers never mask), so
 * one frame's bytes are the same for every connection and can be made once per event, as gorilla/websocket's
 * PreparedMessage does. Written by hand because Netty's encoder encodes per write and per connection; it is
 * checked byte for byte against that encoder (WebSocketWireTest).
 */
final class WebSocketWire {

    /** FIN and the text opcode. */
    static final int FINAL_TEXT = 0x81;
    /** RSV1: the payload is compressed (permessage-deflate, RFC 7692 6). */
    static final int RSV1 = 0x40;

    /** Frames whose payload goes as it is. */
    static final EncodedFrame.WireForm TEXT = new EncodedFrame.WireForm() {
        @Override
        public boolean compresses() {
            return false;
        }

        @Override
        public byte[] encode(byte[] utf8) {
            return frame(FINAL_TEXT, utf8);
        }
    };

    private WebSocketWire() {}

    /** {@code firstByte} (FIN, RSV bits, opcode), the payload length in its shortest form, then the payload. */
    static byte[] frame(int firstByte, byte[] payload) {
        int length = payload.length;
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + length];
        frame[0] = (byte) firstByte;
        if (lengthBytes == 0) {
            frame[1] = (byte) length;
        } else if (lengthBytes == 2) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (8 * (7 - i)));
            }
        }
        System.arraycopy(payload, 0, frame, 2 + lengthBytes, length);
        return frame;
    }
}
