package dev.switchboard.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulated users' WebSocket connections: user {@code i} connects to receiver {@code i mod R} the way its
 * {@link ServerProtocol} says (a Switchboard receiver, or the Socket.IO baseline), and counts as open once it is
 * welcomed (the contract's {@code welcome} frame; Socket.IO's namespace connect). Every {@code messageAdded} goes to
 * the {@link DeliveryTracker} with the time it was read off the socket; other frames are only counted. A client
 * heartbeat every heartbeat period, spread over the fleet, keeps idle connections looking like real clients.
 */
public final class ClientFleet implements AutoCloseable {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final List<URI> receivers;
    private final DeliveryTracker tracker;
    private final Duration welcomeTimeout;
    private final List<FleetConnection> connections = new ArrayList<>();
    private final LongAdder frames = new LongAdder();
    private final LongAdder otherEvents = new LongAdder();
    private final LongAdder resyncs = new LongAdder();
    private final LongAdder errorFrames = new LongAdder();
    private final Map<String, LongAdder> unexpectedCloses = new ConcurrentHashMap<>();
    private final AtomicLong heartbeatTick = new AtomicLong();
    private volatile boolean closing;
    private final ServerProtocol protocol;

    private long heartbeatTimer = -1;

    /**
     * @param deflate  offer permessage-deflate, as browsers do
     * @param protocol what the clients say to the kind of server they connect to
     */
    public ClientFleet(
            Vertx vertx,
            List<URI> receivers,
            DeliveryTracker tracker,
            int maxConnections,
            Duration welcomeTimeout,
            boolean deflate,
            ServerProtocol protocol) {
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("at least one receiver is needed");
        }
        this.vertx = vertx;
        this.receivers = List.copyOf(receivers);
        this.tracker = tracker;
        this.welcomeTimeout = welcomeTimeout;
        // The default caps WebSockets per endpoint at 50 and queues the rest: every user must be connected at once.
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(Math.max(50, maxConnections))
                .setConnectTimeout((int) welcomeTimeout.toMillis())
                .setTryUsePerMessageCompression(deflate));
        this.protocol = protocol;
    }

    /** Connects every user and waits for every welcome; fails the run if any user cannot connect after retries. */
    public List<FleetConnection> open(List<String> userIds, List<String> tokens, int concurrency, Duration timeout) {
        for (int i = 0; i < userIds.size(); i++) {
            connections.add(new FleetConnection(i, userIds.get(i), receivers.get(i % receivers.size())));
        }
        BoundedConcurrency.await(
                BoundedConcurrency.all(
                        vertx, userIds.size(), concurrency, i -> connect(connections.get(i), tokens.get(i))),
                timeout,
                "opening " + userIds.size() + " connections");
        heartbeatTimer = vertx.setPeriodic(1000, id -> heartbeat());
        return List.copyOf(connections);
    }

    private Future<FleetConnection> connect(FleetConnection connection, String token) {
        WebSocketConnectOptions options;
        try {
            options = protocol.connectOptions(connection, token);
        } catch (SetupException e) {
            return Future.failedFuture(new BoundedConcurrency.PermanentFailure(e.getMessage()));
        }
        return client.connect(options)
                .recover(error -> Future.failedFuture(rejected(error, connection)))
                .compose(socket -> awaitWelcome(connection, socket));
    }

    /** A refused upgrade (401, 404) will be refused again: do not retry it. */
    private static Throwable rejected(Throwable error, FleetConnection connection) {
        if (error instanceof UpgradeRejectedException rejected && rejected.getStatus() < 500) {
            return new BoundedConcurrency.PermanentFailure("WebSocket upgrade of " + connection.userId() + " at "
                    + connection.receiver() + " refused: HTTP " + rejected.getStatus());
        }
        return error;
    }

    private Future<FleetConnection> awaitWelcome(FleetConnection connection, WebSocket socket) {
        Promise<ServerFrame.Welcome> welcomed = Promise.promise();
        socket.textMessageHandler(text -> onText(connection, socket, text, welcomed));
        socket.exceptionHandler(error -> welcomed.tryFail(error));
        socket.closeHandler(v -> {
            // A socket given up on (no welcome in time) is closed by us and retried: not the server's doing.
            if (!welcomed.tryFail("closed before welcome (code " + socket.closeStatusCode() + ")")
                    && welcomed.future().succeeded()) {
                onClose(socket);
            }
        });
        long timer = vertx.setTimer(welcomeTimeout.toMillis(), id -> {
            if (welcomed.tryFail("no welcome within " + DurationConverter.format(welcomeTimeout))) {
                socket.close();
            }
        });
        return welcomed.future().onComplete(ar -> vertx.cancelTimer(timer)).map(welcome -> {
            connection.welcomed(socket, welcome);
            protocol.welcomed(socket);
            return connection;
        });
    }

    private void onText(
            FleetConnection connection, WebSocket socket, String text, Promise<ServerFrame.Welcome> welcomed) {
        long receivedNanos = System.nanoTime(); // first thing: parsing is the generator's cost, not the system's
        frames.increment();
        switch (protocol.read(text, socket)) {
            case ServerFrame.MessageAdded m ->
                tracker.delivered(connection.index(), m.chatId(), m.seq(), m.content(), receivedNanos);
            case ServerFrame.OtherEvent e -> otherEvents.increment();
            case ServerFrame.Welcome w -> welcomed.tryComplete(w);
            case ServerFrame.Resync r -> resyncs.increment();
            case ServerFrame.Error e -> errorFrames.increment();
            case ServerFrame.Other o -> {
                // pong, subscribed, Socket.IO's handshake and pings: nothing to count
            }
        }
    }

    private void onClose(WebSocket socket) {
        if (!closing) {
            Short code = socket.closeStatusCode();
            unexpectedCloses
                    .computeIfAbsent(code == null ? "none" : code.toString(), c -> new LongAdder())
                    .increment();
        }
    }

    /** Each second, the connections whose turn it is send a ping, so the whole fleet pings once per heartbeat. */
    private void heartbeat() {
        String frame = protocol.heartbeatFrame();
        if (frame == null) {
            return;
        }
        long tick = heartbeatTick.incrementAndGet();
        for (FleetConnection connection : connections) {
            int period = connection.heartbeatSeconds();
            if (connection.index() % period == tick % period && connection.isOpen()) {
                connection.socket().writeTextMessage(frame);
            }
        }
    }

    public long openCount() {
        return connections.stream().filter(FleetConnection::isOpen).count();
    }

    /** Open connections per receiver URL, for the set-up log and the memory report. */
    public Map<String, Long> openPerReceiver() {
        Map<String, Long> perReceiver = new TreeMap<>();
        receivers.forEach(r -> perReceiver.put(r.toString(), 0L));
        connections.stream()
                .filter(FleetConnection::isOpen)
                .forEach(c -> perReceiver.merge(c.receiver().toString(), 1L, Long::sum));
        return perReceiver;
    }

    public FleetStats stats() {
        Map<String, Long> closes = new TreeMap<>();
        unexpectedCloses.forEach((code, count) -> closes.put(code, count.sum()));
        return new FleetStats(
                connections.size(),
                openCount(),
                frames.sum(),
                otherEvents.sum(),
                resyncs.sum(),
                errorFrames.sum(),
                closes);
    }

    /** Closes every socket (1000, normal) and waits briefly for the close handshakes. */
    @Override
    public void close() {
        closing = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        List<Future<Void>> closed = new ArrayList<>();
        for (FleetConnection connection : connections) {
            if (connection.isOpen()) {
                closed.add(connection.socket().close());
            }
        }
        try {
            BoundedConcurrency.await(Future.join(closed), Duration.ofSeconds(10), "closing connections");
        } catch (SetupException e) {
            // Some servers never answer the close frame; the process is about to end anyway.
        }
        client.close();
    }
}
