package dev.switchboard.receiver.subscription;

import dev.switchboard.runtime.Backoff;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * One connection of its own (not the pool) to one Redis node, subscribed to a fixed set of channels: the building block
 * of every topology's {@link EventSubscription}.
 * <p>
 * Redis clients are known to drop pub/sub subscriptions silently on reconnect, so this class does not let the client
 * reconnect for it. It owns the connection and treats as lost: the connection's end or exception, a connect or
 * subscription not confirmed within the check timeout, a failed liveness check, and an unsubscribe it did not ask for
 * (Redis Cluster sends {@code sunsubscribe} when a slot moves away or its node stops being its master). On loss it
 * closes the client and either reconnects itself with capped exponential backoff (standalone and sharded nodes) or
 * leaves that to its owner (a cluster re-maps first).
 * <p>
 * Classic channels go in one SUBSCRIBE; sharded channels in one SSUBSCRIBE per group, a group being the channels of one
 * partition, so one slot (Redis refuses a command across slots). The liveness check, every check interval without
 * messages, subscribes again to the same channels: Redis confirms each even when already subscribed, so the
 * confirmations prove both that the connection is alive and that the server still holds the subscription (a PING would
 * prove only the first). It also keeps every command on this connection a pub/sub one: Vert.x Redis 4.5 drops the
 * pending reply of a regular command when a RESP3 push message arrives before it. Messages pushed since the last check
 * are proof enough, and a check whose confirmation is queued behind a backlog of messages is not a loss
 * ({@link LivenessProbe}).
 * <p>
 * Every method runs on the owner's Vert.x context (one event loop), so there are no locks.
 */
final class RedisNodeSubscription {

    private static final Logger LOG = Logger.getLogger(RedisNodeSubscription.class);

    /** Classic pub/sub (PUBLISH) or sharded pub/sub (SPUBLISH, Redis 7+), with their command and push names. */
    enum Kind {
        CLASSIC(Command.SUBSCRIBE, "message", "subscribe", "unsubscribe"),
        SHARDED(Command.SSUBSCRIBE, "smessage", "ssubscribe", "sunsubscribe");

        final Command subscribe;
        final String message;
        final String confirmation;
        final String unsubscribed;

        Kind(Command subscribe, String message, String confirmation, String unsubscribed) {
            this.subscribe = subscribe;
            this.message = message;
            this.confirmation = confirmation;
            this.unsubscribed = unsubscribed;
        }
    }

    /** What the owner hears, always on its context. */
    interface Events {
        void onMessage(String channel, ByteBuffer payload);

        /** Every channel is confirmed: first ({@code restored} false), or again after a loss of this node. */
        void onSubscribed(RedisNodeSubscription node, boolean restored);

        /** The subscription is gone; with {@code reconnects}, it tries again by itself. */
        void onLost(RedisNodeSubscription node, String why);
    }

    private final Vertx vertx;
    private final SubscriptionConfig config;
    private final String url;
    private final Kind kind;
    private final List<List<String>> groups;
    private final Events events;
    private final boolean reconnects;
    private final String poolName;
    private final Backoff backoff;
    private final LongAdder passedChecks = new LongAdder();

    private Session session;
    private long livenessTimer = -1;
    private boolean closed;
    private boolean everSubscribed;
    private int failedAttempts;

    /**
     * @param groups     channels to subscribe, each group in one command (sharded: the channels of one slot)
     * @param reconnects whether a loss is followed by reconnecting here, or left to the owner
     * @param poolName   a fixed name for the client's metrics, so that reconnects do not add series
     */
    RedisNodeSubscription(
            Vertx vertx,
            SubscriptionConfig config,
            String url,
            Kind kind,
            List<List<String>> groups,
            Events events,
            boolean reconnects,
            String poolName) {
        this.vertx = vertx;
        this.config = config;
        this.url = url;
        this.kind = kind;
        this.groups = groups.stream().map(List::copyOf).toList();
        this.events = events;
        this.reconnects = reconnects;
        this.poolName = poolName;
        this.backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff());
    }

    /** Connects and subscribes; call on the owner's context. */
    void start() {
        connect();
        livenessTimer = vertx.setPeriodic(config.checkInterval().toMillis(), id -> checkLiveness());
    }

    /** Ends it for good: no reconnect, no more events. */
    void close() {
        closed = true;
        vertx.cancelTimer(livenessTimer);
        if (session != null) {
            session.close();
            session = null;
        }
    }

    boolean isSubscribed() {
        return session != null && session.subscribed && !session.closed;
    }

    /** Whether every channel was confirmed at least once (a later subscription is a restoration). */
    boolean wasEverSubscribed() {
        return everSubscribed;
    }

    String url() {
        return url;
    }

    /** Liveness checks that found the subscription intact (messages since the last one count as one). */
    long passedChecks() {
        return passedChecks.sum();
    }

    String describe() {
        return RedisAddress.withoutCredentials(url);
    }

    int channelCount() {
        return groups.stream().mapToInt(List::size).sum();
    }

    private void connect() {
        if (closed) {
            return;
        }
        Redis client;
        try {
            RedisOptions options = new RedisOptions()
                    .setConnectionString(url)
                    .setPoolName(poolName)
                    .setMetricsName("redis|" + poolName);
            options.getNetClientOptions()
                    .setConnectTimeout((int) config.checkTimeout().toMillis())
                    .setTcpKeepAlive(true);
            client = Redis.createClient(vertx, options);
        } catch (RuntimeException e) {
            LOG.errorf("cannot create a Redis client for %s: %s", describe(), e.toString());
            lostBeforeSession("cannot create a client: " + e);
            return;
        }
        Session attempt =
                new Session(client, new LivenessProbe(config.busyCheckTimeout().toNanos()));
        session = attempt;
        // One deadline covers TCP connect, protocol handshake and the subscription's confirmations.
        attempt.deadline = vertx.setTimer(config.checkTimeout().toMillis(), id -> {
            if (!attempt.subscribed) {
                lost(attempt, "not subscribed within " + config.checkTimeout());
            }
        });
        attempt.client.connect().onComplete(result -> {
            if (session != attempt || attempt.closed) {
                if (result.succeeded()) {
                    result.result().close();
                }
                return;
            }
            if (result.failed()) {
                lost(attempt, "cannot connect: " + result.cause().getMessage());
                return;
            }
            RedisConnection connection = result.result();
            attempt.connection = connection;
            connection.handler(push -> onPush(attempt, push));
            connection.exceptionHandler(failure -> lost(attempt, "connection failed: " + failure));
            connection.endHandler(ignored -> lost(attempt, "connection closed"));
            subscribe(attempt);
        });
    }

    /** Sends the subscription's commands; each confirmation comes back as a push, see {@link #onPush}. */
    private void subscribe(Session attempt) {
        if (kind == Kind.CLASSIC) {
            Request subscribe = Request.cmd(kind.subscribe);
            groups.forEach(group -> group.forEach(channel -> {
                subscribe.arg(channel);
                attempt.unconfirmed.add(channel);
            }));
            send(attempt, subscribe);
            return;
        }
        for (List<String> group : groups) {
            Request subscribe = Request.cmd(kind.subscribe);
            group.forEach(channel -> {
                subscribe.arg(channel);
                attempt.unconfirmed.add(channel);
            });
            send(attempt, subscribe);
        }
    }

    /** A bulk reply's bytes where the client parsed them into (a heap buffer); copied only when they are not. */
    private static ByteBuffer heapBytes(Response bulk) {
        ByteBuf bytes = bulk.toBuffer().getByteBuf();
        return bytes.hasArray()
                ? ByteBuffer.wrap(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
                : ByteBuffer.wrap(bulk.toBytes());
    }

    private void send(Session attempt, Request request) {
        attempt.connection
                .send(request)
                .onFailure(failure -> lost(attempt, kind.subscribe + " failed: " + failure.getMessage()));
    }

    private void onPush(Session from, Response push) {
        if (session != from
                || push == null
                || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
                || push.size() < 2) {
            return;
        }
        String type = push.get(0).toString();
        if (type.equals(kind.message)) {
            if (push.size() == 3) {
                from.liveness.messageReceived();
                events.onMessage(push.get(1).toString(), heapBytes(push.get(2)));
            }
        } else if (type.equals(kind.confirmation)) {
            from.unconfirmed.remove(push.get(1).toString());
            if (from.unconfirmed.isEmpty()) {
                if (from.subscribed) {
                    vertx.cancelTimer(from.checkTimer); // liveness check passed
                    from.checkTimer = -1;
                    passedChecks.increment();
                } else {
                    subscribed(from);
                }
            }
        } else if (type.equals(kind.unsubscribed)) {
            lost(from, kind.unsubscribed + " from " + push.get(1) + " (the server dropped the channel)");
        }
    }

    private void subscribed(Session current) {
        current.subscribed = true;
        failedAttempts = 0;
        vertx.cancelTimer(current.deadline);
        backoff.reset();
        boolean restored = everSubscribed;
        everSubscribed = true;
        events.onSubscribed(this, restored);
    }

    private void checkLiveness() {
        Session current = session;
        if (current == null || !current.subscribed || !current.unconfirmed.isEmpty()) {
            return; // not subscribed yet (the connect deadline covers that), or a check is still running
        }
        if (!current.liveness.checkNeeded()) {
            passedChecks.increment(); // messages arrived since the last check: the subscription is there
            return;
        }
        current.liveness.checkStarted(System.nanoTime());
        awaitConfirmation(current);
        subscribe(current);
    }

    private void awaitConfirmation(Session current) {
        current.checkTimer = vertx.setTimer(config.checkTimeout().toMillis(), id -> {
            if (current.unconfirmed.isEmpty() || session != current || current.closed) {
                return;
            }
            if (current.liveness.keepWaiting(System.nanoTime())) {
                // Still receiving: the confirmation is queued behind those messages, the subscription is alive.
                awaitConfirmation(current);
                return;
            }
            lost(
                    current,
                    "subscription not confirmed (" + current.unconfirmed.size() + " channels missing): "
                            + "no message for " + config.checkTimeout() + ", or still unconfirmed after "
                            + config.busyCheckTimeout());
        });
    }

    private void lost(Session which, String why) {
        if (session != which || which.closed) {
            return;
        }
        boolean wasSubscribed = which.subscribed;
        which.close();
        if (closed) {
            return;
        }
        long delay = backoff.next().toMillis();
        if (wasSubscribed) {
            failedAttempts = 0;
            LOG.warnf("Redis subscription at %s lost (%s)%s", describe(), why, reconnects ? "; reconnecting" : "");
        } else if (++failedAttempts % 10 == 1) {
            // First failure and every tenth after it: visible, without a line per retry while Redis is away.
            LOG.warnf("cannot subscribe at %s (%s, attempt %d)", describe(), why, failedAttempts);
        } else {
            LOG.debugf("subscription attempt %d at %s failed (%s)", failedAttempts, describe(), why);
        }
        events.onLost(this, why);
        if (reconnects) {
            vertx.setTimer(delay, id -> {
                if (session == which) {
                    connect();
                }
            });
        }
    }

    private void lostBeforeSession(String why) {
        events.onLost(this, why);
        if (reconnects) {
            vertx.setTimer(backoff.next().toMillis(), id -> connect());
        }
    }

    /** One connection attempt and, if it succeeds, its subscription. Stale callbacks compare against it. */
    private final class Session {
        final Redis client;
        final LivenessProbe liveness;
        /** Channels of the last subscription not confirmed yet; empty when no subscription is outstanding. */
        final Set<String> unconfirmed = new HashSet<>();

        RedisConnection connection;
        long deadline = -1;
        long checkTimer = -1;
        boolean subscribed;
        boolean closed;

        Session(Redis client, LivenessProbe liveness) {
            this.client = client;
            this.liveness = liveness;
        }

        void close() {
            closed = true;
            vertx.cancelTimer(deadline);
            vertx.cancelTimer(checkTimer);
            try {
                // Closing the whole client, not just the connection: nothing of the old one may be reused.
                client.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing the Redis client failed: %s", e.toString());
            }
        }
    }
}
