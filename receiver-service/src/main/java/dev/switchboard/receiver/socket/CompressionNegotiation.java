package dev.switchboard.receiver.socket;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How permessage-deflate is negotiated when {@code switchboard.socket.compression} is on (whether it is offered at all
 * is websockets-next's {@code per-message-compression-supported}, which application.properties ties to that key).
 * The server accepts {@code server_no_context_takeover} and asks for {@code client_no_context_takeover}: no
 * compression context lives between messages in either direction, so no connection keeps zlib state between frames.
 */
@ApplicationScoped
public class CompressionNegotiation implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketAllowServerNoContext(true).setWebSocketPreferredClientNoContext(true);
    }
}
