package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.ClientFrameEncoder;
import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.DeliveryConfig;
import dev.switchboard.receiver.delivery.LocalConnection;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The {@code /ws} endpoint. Every callback returns a {@link Uni}, so it runs on the connection's event loop and
 * never blocks it. The upgrade was already authenticated by {@link BearerTokenUpgradeCheck}.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    static final int UNSUPPORTED_DATA = 1003;
    static final int MESSAGE_TOO_BIG = 1009;

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final UserData.TypedKey<LocalConnection> LOCAL = new UserData.TypedKey<>("switchboard.local-connection");

    private final ConnectionRegistry registry;
    private final ClientFrameEncoder encoder;
    private final ClientFrameParser parser;
    private final SocketConfig socketConfig;
    private final DeliveryConfig deliveryConfig;
    private final String receiverId;

    @Inject
    public ChatSocket(ConnectionRegistry registry, ClientFrameEncoder encoder, ClientFrameParser parser,
                      SocketConfig socketConfig, DeliveryConfig deliveryConfig,
                      @ConfigProperty(name = "switchboard.instance-id") String receiverId) {
        this.registry = registry;
        this.encoder = encoder;
        this.parser = parser;
        this.socketConfig = socketConfig;
        this.deliveryConfig = deliveryConfig;
        this.receiverId = receiverId;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        String userId = connection.userData().get(BearerTokenUpgradeCheck.USER_ID);
        if (userId == null) {
            // Cannot happen while the upgrade check is in place; refuse rather than deliver to nobody.
            return connection.close(new CloseReason(1008, "not authenticated"));
        }
        LocalConnection local = new LocalConnection(
                new WebSocketRecipient(connection, userId, deliveryConfig.maxPendingFrames()));
        connection.userData().put(LOCAL, local);
        String welcome = encoder.welcome(connection.id(), userId, receiverId, socketConfig.heartbeatSeconds());
        // Registered only once the welcome is written, so that it is always the first frame the client sees.
        return connection.sendText(welcome).invoke(() -> {
            if (connection.isOpen()) {
                registry.add(local);
            }
        });
    }

    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        if (FrameSize.exceeds(text, socketConfig.maxMessageBytes())) {
            // A single frame below the transport's frame cut-off but above our limit arrives here whole.
            return connection.close(new CloseReason(MESSAGE_TOO_BIG, "message too big"));
        }
        return connection.sendText(answer(text, connection));
    }

    private String answer(String text, WebSocketConnection connection) {
        try {
            return switch (parser.parse(text)) {
                case ClientFrame.Ping ping -> encoder.pong();
                case ClientFrame.Subscribe subscribe -> {
                    LocalConnection local = connection.userData().get(LOCAL);
                    if (local != null) {
                        local.filter(subscribe.filter());
                    }
                    yield encoder.subscribed(subscribe.eventNames(), subscribe.chatIdStrings());
                }
            };
        } catch (ClientFrameParser.BadFrameException e) {
            return encoder.badRequest(e.getMessage());
        }
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(Buffer ignored, WebSocketConnection connection) {
        return connection.close(new CloseReason(UNSUPPORTED_DATA, "binary frames are not supported"));
    }

    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        registry.remove(connection.id());
        return Uni.createFrom().voidItem();
    }

    @OnError
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        if (FrameSize.isTooBigFailure(failure)) {
            return connection.close(new CloseReason(MESSAGE_TOO_BIG, "message too big"));
        }
        // Nothing of ours throws on purpose; log and keep the connection.
        LOG.debugf("error on connection %s: %s", connection.id(), failure.toString());
        return Uni.createFrom().voidItem();
    }
}
