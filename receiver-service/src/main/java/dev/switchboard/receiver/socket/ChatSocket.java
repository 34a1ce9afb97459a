package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.ReceiverConfig;
import dev.switchboard.receiver.delivery.ClientFrameEncoder;
import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.DeliveryConfig;
import dev.switchboard.receiver.delivery.DeliveryMetrics;
import dev.switchboard.receiver.delivery.EncodedFrame;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.delivery.Watches;
import dev.switchboard.receiver.presence.PresenceConfig;
import dev.switchboard.receiver.presence.PresenceService;
import dev.switchboard.receiver.typing.TypingConfig;
import dev.switchboard.receiver.typing.TypingService;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@code /ws} endpoint. Every callback returns a {@link Uni}, so it runs on the connection's event loop and
 * never blocks it. Every frame the server sends (welcome, answers, events, resync) goes through the connection's one
 * bounded write path, {@link WebSocketRecipient}, straight to the socket underneath; client frames are rate limited
 * per connection ({@link ClientFrameLimiter}). The upgrade was already authenticated
 * by {@link BearerTokenUpgradeCheck}. Server pings come from websockets-next ({@code auto-ping-interval}); pongs and
 * frames are what keeps a connection from being closed as idle by {@link HeartbeatMonitor}.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    static final int POLICY_VIOLATION = 1008;

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final UserData.TypedKey<LocalConnection> LOCAL =
            new UserData.TypedKey<>("switchboard.local-connection");
    private static final UserData.TypedKey<ClientFrameLimiter> LIMITER =
            new UserData.TypedKey<>("switchboard.client-frame-limiter");

    private final ConnectionRegistry registry;
    private final ClientFrameEncoder encoder;
    private final ClientFrameParser parser;
    private final SocketConfig socketConfig;
    private final SocketMetrics metrics;
    private final WebSocketRecipient.Settings recipientSettings;
    private final UnderlyingWebSocket underlying;
    private final String receiverId;
    private final AccessTokenVerifier verifier;
    private final PreparedDeflate deflate;
    private final ChatGrantVerifier grants;
    private final Watches watches;
    private final TypingService typing;
    private final PresenceService presence;
    private final int maxPresenceUsers;
    private final int maxWatchedChats;

    @Inject
    public ChatSocket(
            ConnectionRegistry registry,
            ClientFrameEncoder encoder,
            ClientFrameParser parser,
            SocketConfig socketConfig,
            DeliveryConfig deliveryConfig,
            SocketMetrics metrics,
            DeliveryMetrics deliveryMetrics,
            Vertx vertx,
            UnderlyingWebSocket underlying,
            ReceiverConfig receiverConfig,
            AccessTokenVerifier verifier,
            PreparedDeflate deflate,
            ChatGrantVerifier grants,
            Watches watches,
            TypingService typing,
            TypingConfig typingConfig,
            PresenceService presence,
            PresenceConfig presenceConfig) {
        this.presence = presence;
        this.maxPresenceUsers = presenceConfig.maxUsers();
        this.grants = grants;
        this.watches = watches;
        this.typing = typing;
        this.maxWatchedChats = typingConfig.maxWatchedChats();
        this.registry = registry;
        this.encoder = encoder;
        this.parser = parser;
        this.socketConfig = socketConfig;
        this.metrics = metrics;
        this.recipientSettings = new WebSocketRecipient.Settings(
                deliveryConfig.maxPendingFrames(),
                deliveryConfig.maxPendingBytes(),
                socketConfig.closeTimeout(),
                vertx,
                metrics,
                deliveryMetrics);
        this.underlying = underlying;
        this.receiverId = receiverConfig.instanceId();
        this.verifier = verifier;
        this.deflate = deflate;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        String userId = connection.userData().get(BearerTokenUpgradeCheck.USER_ID);
        if (userId == null) {
            // Cannot happen while the upgrade check is in place; refuse rather than deliver to nobody.
            return connection.close(new CloseReason(POLICY_VIOLATION, "not authenticated"));
        }
        HttpConnection transport = connection.userData().get(BearerTokenUpgradeCheck.TRANSPORT);
        boolean deflateNegotiated = false;
        if (transport instanceof ConnectionBase base) {
            FlushCoalescing.install(base.channel());
            // Before the first frame, so Netty never compresses one per connection (nor allocates its compressor).
            deflateNegotiated = socketConfig.compression() && PerConnectionDeflate.remove(base.channel());
        }
        WebSocketRecipient recipient =
                new WebSocketRecipient(connection, underlying.of(connection), userId, transport, recipientSettings);
        if (deflateNegotiated) {
            recipient.compressWith(deflate);
        }
        Instant expiresAt = connection.userData().get(BearerTokenUpgradeCheck.EXPIRES_AT);
        recipient.tokenExpiresAt(expiresAt);
        LocalConnection local = new LocalConnection(recipient);
        connection.userData().put(LOCAL, local);
        connection.userData().put(LIMITER, new ClientFrameLimiter(socketConfig));
        // Through the connection's one bounded write path, like every frame; registered only after the welcome is
        // queued (on this event loop, which also writes its events), so that it is always the first frame.
        recipient.reply(EncodedFrame.ofText(
                encoder.welcome(connection.id(), userId, receiverId, socketConfig.heartbeatSeconds(), expiresAt)));
        if (connection.isOpen() && recipient.isOpen()) {
            if (!registry.addWithin(local, socketConfig.maxConnectionsPerUser())) {
                // Upgrades that passed the check together: the cap holds once they are open.
                metrics.upgradeOverCap();
                return close(connection, CloseCause.TOO_MANY_CONNECTIONS, "too many connections");
            }
            metrics.opened();
            presence.opened(local);
            LOG.debugf("connection %s of %s opened", connection.id(), userId);
        }
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        WebSocketRecipient recipient = recipientOf(connection);
        if (recipient != null) {
            recipient.heard();
        }
        if (FrameSize.exceeds(text, socketConfig.maxMessageBytes())) {
            // A single frame below the transport's frame cut-off but above our limit arrives here whole.
            return close(connection, CloseCause.TOO_BIG, "message too big");
        }
        if (recipient == null) {
            return Uni.createFrom().voidItem(); // not opened (refused in onOpen): nothing to answer on
        }
        switch (connection.userData().get(LIMITER).admit()) {
            case HANDLE -> {
                String answer = answer(text, connection);
                if (answer != null) {
                    recipient.reply(EncodedFrame.ofText(answer));
                }
            }
            case REFUSE -> {
                metrics.clientFrameRefused();
                recipient.reply(EncodedFrame.ofText(encoder.rateLimited("at most "
                        + socketConfig.clientFramesPerSecond() + " frames per second; this one was dropped")));
            }
            case CLOSE -> {
                metrics.clientFrameRefused();
                return close(connection, CloseCause.RATE_LIMITED, "too many frames");
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** The client's answer to a server ping: proof that it is there and reading. */
    @OnPongMessage
    public Uni<Void> onPong(Buffer ignored, WebSocketConnection connection) {
        WebSocketRecipient recipient = recipientOf(connection);
        if (recipient != null) {
            recipient.heard();
        }
        return Uni.createFrom().voidItem();
    }

    /** The answer to a client frame, or null for one that is not answered (typing). */
    private String answer(String text, WebSocketConnection connection) {
        try {
            LocalConnection local = connection.userData().get(LOCAL);
            return switch (parser.parse(text)) {
                case ClientFrame.Ping ping -> encoder.pong();
                case ClientFrame.Subscribe subscribe -> {
                    local.filter(subscribe.filter());
                    yield encoder.subscribed(
                            subscribe.eventNames(), subscribe.chatIds().size());
                }
                case ClientFrame.Auth auth -> renew(auth.token(), connection);
                case ClientFrame.Watch watch -> watch(local, watch);
                case ClientFrame.Presence frame -> follow(local, frame.grant());
                case ClientFrame.Unwatch unwatch -> {
                    watches.unwatch(local, unwatch.chatId());
                    yield encoder.unwatched(unwatch.chatId());
                }
                case ClientFrame.Typing frame ->
                    switch (typing.typing(local, frame.chatId(), frame.typing())) {
                        case FORWARDED, DROPPED -> null;
                        case NOT_WATCHING ->
                            encoder.forbidden(
                                    "watch chat " + frame.chatId() + " with a fresh grant before typing in it");
                    };
            };
        } catch (ClientFrameParser.BadFrameException e) {
            return encoder.badRequest(e.getMessage());
        }
    }

    /**
     * A presence grant of the connection's own user: it follows the grant's users; the answer (their state) comes once
     * Redis has answered, through the same write path, so nothing is answered here.
     */
    private String follow(LocalConnection local, String grant) {
        if (!grants.enabled()) {
            return encoder.forbidden("presence is off on this deployment (switchboard.grants.secret is not set)");
        }
        Optional<ChatGrantVerifier.PresenceGrant> verified =
                grants.verifyPresence(grant, local.userId(), maxPresenceUsers);
        if (verified.isEmpty()) {
            metrics.grantRefused();
            return encoder.forbidden("not a valid presence grant of yours; get one from POST /api/v1/presence/grant");
        }
        WebSocketRecipient recipient = (WebSocketRecipient) local.recipient();
        presence.follow(local, verified.get().userIds(), verified.get().expiresAt())
                .whenComplete((states, failure) -> recipient.eventLoop().execute(() -> {
                    if (failure != null) {
                        recipient.reply(EncodedFrame.ofText(
                                encoder.unavailable("presence could not be read now; send the frame again")));
                        return;
                    }
                    recipient.reply(EncodedFrame.ofText(encoder.presence(
                            verified.get().expiresAt(),
                            states.stream()
                                    .map(state -> new ClientFrameEncoder.PresenceState(
                                            state.userId(),
                                            state.online(),
                                            state.lastSeenMillis() == 0
                                                    ? null
                                                    : Instant.ofEpochMilli(state.lastSeenMillis())))
                                    .toList())));
                }));
        return null;
    }

    /** A grant of the connection's own user for the named chat lets it watch the chat until the grant expires. */
    private String watch(LocalConnection local, ClientFrame.Watch watch) {
        if (!grants.enabled()) {
            return encoder.forbidden("typing is off on this deployment (switchboard.grants.secret is not set)");
        }
        Optional<ChatGrantVerifier.ChatGrant> grant = grants.verify(watch.grant(), local.userId(), watch.chatId());
        if (grant.isEmpty()) {
            metrics.grantRefused();
            return encoder.forbidden("not a valid grant of yours for chat " + watch.chatId()
                    + "; get one from GET /api/v1/chats/{chatId}/grant");
        }
        Instant until = grant.get().expiresAt();
        return switch (watches.watch(local, watch.chatId(), grant.get().issuedAt(), until, maxWatchedChats)) {
            case WATCHING -> encoder.watching(watch.chatId(), until);
            case TOO_MANY -> encoder.badRequest("at most " + maxWatchedChats + " watched chats; unwatch one first");
            case REMOVED -> {
                metrics.grantRefused();
                yield encoder.forbidden(
                        "you were removed from chat " + watch.chatId() + " after this grant was issued");
            }
        };
    }

    /** A fresh token for the connection's own user moves its expiry on; any other token leaves it as it was. */
    private String renew(String token, WebSocketConnection connection) {
        WebSocketRecipient recipient = recipientOf(connection);
        Optional<AccessTokenVerifier.VerifiedToken> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            metrics.renewalRefused();
            return encoder.authFailed("token not valid");
        }
        if (!verified.get().userId().equals(recipient.userId())) {
            metrics.renewalRefused();
            return encoder.authFailed("token is for another user; open a new connection to switch users");
        }
        recipient.tokenExpiresAt(verified.get().expiresAt());
        metrics.renewalAccepted();
        return encoder.authenticated(verified.get().expiresAt());
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(Buffer ignored, WebSocketConnection connection) {
        return close(connection, CloseCause.UNSUPPORTED, "binary frames are not supported");
    }

    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        WebSocketRecipient recipient = recipientOf(connection);
        boolean wasRegistered = registry.remove(connection.id());
        LocalConnection local = connection.userData().get(LOCAL);
        if (local != null) {
            watches.unwatchAll(local);
            typing.closed(local);
            if (wasRegistered) {
                presence.closed(local);
            }
        }
        if (recipient != null) {
            CloseCause cause = recipient.closed(connection.closeReason());
            if (wasRegistered) {
                metrics.closed(cause);
            }
            LOG.debugf("connection %s of %s closed: %s", connection.id(), recipient.userId(), cause.label());
        }
        return Uni.createFrom().voidItem();
    }

    @OnError
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        if (FrameSize.isTooBigFailure(failure)) {
            return close(connection, CloseCause.TOO_BIG, "message too big");
        }
        // Nothing of ours throws on purpose; log and keep the connection.
        LOG.debugf("error on connection %s: %s", connection.id(), failure.toString());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> close(WebSocketConnection connection, CloseCause cause, String reason) {
        WebSocketRecipient recipient = recipientOf(connection);
        if (recipient == null) {
            return connection.close(new CloseReason(cause.code(), reason));
        }
        return Uni.createFrom().completionStage(() -> recipient.close(cause, reason));
    }

    private static WebSocketRecipient recipientOf(WebSocketConnection connection) {
        LocalConnection local = connection.userData().get(LOCAL);
        return local == null ? null : (WebSocketRecipient) local.recipient();
    }
}
