package dev.switchboard.receiver.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.util.Map;

/**
 * Netty's permessage-deflate encoder, which the handshake puts into a connection's pipeline when the extension is
 * negotiated: it compresses every outgoing frame for that connection alone. {@link PreparedDeflate} does that job
 * once per frame for all connections, so the encoder is taken out. The decoder (client frames) stays: with
 * {@code client_no_context_takeover} it keeps no state between messages.
 */
final class PerConnectionDeflate {

    private PerConnectionDeflate() {}

    /** @return whether the connection negotiated the extension (an extension encoder was there, and is gone now) */
    static boolean remove(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        boolean removed = false;
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue() instanceof WebSocketExtensionEncoder) {
                pipeline.remove(entry.getValue());
                removed = true;
            }
        }
        return removed;
    }
}
