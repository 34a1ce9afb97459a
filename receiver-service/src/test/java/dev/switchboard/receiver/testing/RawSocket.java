package dev.switchboard.receiver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written by hand on a plain TCP socket, for clients that misbehave: after the upgrade and the
 * welcome frame it reads nothing more, so it answers no ping and lets the server's frames pile up (with a small
 * receive buffer, the TCP window closes quickly and the server's writes stall).
 */
public final class RawSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TEXT = 0x1;

    private final Socket socket;
    private final DataInputStream in;
    private final JsonNode welcome;

    private RawSocket(Socket socket, DataInputStream in, JsonNode welcome) {
        this.socket = socket;
        this.in = in;
        this.welcome = welcome;
    }

    /** Upgrades {@code ws} with the token in the Authorization header and reads the welcome frame, then stops reading. */
    public static RawSocket open(URI ws, String token, int receiveBufferBytes) {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connecting, so that the window starts small
            socket.setSoTimeout((int) TestSocket.WAIT.toMillis());
            socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), (int) TestSocket.WAIT.toMillis());
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            String request = "GET " + ws.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Unbuffered on purpose: nothing may be read beyond the frames asked for.
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String response = readHeaders(in);
            assertTrue(response.startsWith("HTTP/1.1 101"), response);
            JsonNode welcome = JSON.readTree(nextText(in));
            assertEquals("welcome", welcome.path("type").asText(), welcome.toString());
            return new RawSocket(socket, in, welcome);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new IllegalStateException("cannot open a raw WebSocket to " + ws, e);
        }
    }

    /**
     * Sends one masked text frame, as a client must.
     *
     * @throws IOException once the server has cut the connection (broken pipe, reset)
     */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    public String connectionId() {
        return welcome.get("connectionId").asText();
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade: " + headers);
            }
            headers.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /** The payload of the next text frame (unfragmented, as the server sends them), skipping control frames. */
    private static String nextText(DataInputStream in) throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            if ((first & 0x0f) == TEXT) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
