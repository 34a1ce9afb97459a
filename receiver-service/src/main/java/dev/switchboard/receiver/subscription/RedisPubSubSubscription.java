package dev.switchboard.receiver.subscription;

import dev.switchboard.runtime.Backoff;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The Redis pub/sub {@link EventSubscription}: one connection of its own (not the pool), SUBSCRIBEd to every event
 * channel.
 * <p>
 * Redis clients are known to drop pub/sub subscriptions silently on reconnect, so this class does not let the
 * client reconnect for it. It owns the connection and treats as lost: the connection's end or exception, a
 * connect or SUBSCRIBE not confirmed within the check timeout, and a failed liveness check. On loss it drops the
 * client, reconnects with capped exponential backoff, resubscribes, and once every channel is confirmed tells the
 * listener, which tells every local client to {@code resync}.
 * <p>
 * The liveness check, every check interval, SUBSCRIBEs again to the same channels on the subscribed connection.
 * Redis confirms each channel even when already subscribed, so the confirmations prove both that the connection
 * is alive and that the server still holds the subscription (a PING would prove only the first). It also keeps
 * every command on this connection a pub/sub one: Vert.x Redis 4.5 drops the pending reply of a regular command
 * (such as PING) when a RESP3 push message arrives before it, which would turn busy traffic into false losses.
 * Messages pushed since the last check are proof enough, and a check whose confirmation is queued behind a
 * backlog of messages is not a loss: see {@link LivenessProbe}.
 * <p>
 * All state is touched only on one Vert.x context (its event loop), so there are no locks; {@link #state} is
 * volatile for the health check.
 */
@Singleton
public class RedisPubSubSubscription implements EventSubscription {

    private static final Logger LOG = Logger.getLogger(RedisPubSubSubscription.class);

    private final Vertx vertx;
    private final SubscriptionConfig config;
    private final String redisUrl;
    private final Backoff backoff;
    private final LongAdder passedChecks = new LongAdder();
    private List<String> channelNames = List.of();
    private Listener listener;

    private volatile State state = State.STARTING;
    private Context context;
    private Session session;
    private long livenessTimer = -1;
    private boolean everSubscribed;
    private int failedAttempts;

    @Inject
    public RedisPubSubSubscription(Vertx vertx, SubscriptionConfig config, RedisHostsConfig redis) {
        // Same Redis as the rest of the app; a subscription needs just one node.
        this(vertx, config, redis.subscriptionUrl());
    }

    public RedisPubSubSubscription(Vertx vertx, SubscriptionConfig config, String redisUrl) {
        this.vertx = vertx;
        this.config = config;
        this.redisUrl = redisUrl;
        this.backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff());
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String describe() {
        return RedisAddress.withoutCredentials(redisUrl);
    }

    /** Liveness checks that found the subscription intact. */
    public long passedChecks() {
        return passedChecks.sum();
    }

    @Override
    public void start(List<String> channels, Listener listener) {
        if (context != null) {
            throw new IllegalStateException("already started");
        }
        this.channelNames = List.copyOf(channels);
        this.listener = listener;
        // Called off the event loops (start-up's main thread): a fresh event-loop context owns all of the state.
        context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> {
            connect();
            livenessTimer = vertx.setPeriodic(config.checkInterval().toMillis(), id -> checkLiveness());
        });
    }

    @Override
    public void stop() {
        if (context == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        context.runOnContext(ignored -> {
            state = State.STOPPED;
            vertx.cancelTimer(livenessTimer);
            if (session != null) {
                session.close();
                session = null;
            }
            stopped.countDown();
        });
        try {
            stopped.await(config.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect() {
        if (state == State.STOPPED) {
            return;
        }
        Redis client;
        try {
            // Fixed metric names for the Vert.x client metrics of every client this class creates: the defaults
            // (a random pool name, an empty prefix) would add new series on each reconnect, under odd names.
            RedisOptions options = new RedisOptions()
                    .setConnectionString(redisUrl)
                    .setPoolName("subscription")
                    .setMetricsName("redis|subscription");
            options.getNetClientOptions()
                    .setConnectTimeout((int) config.checkTimeout().toMillis())
                    .setTcpKeepAlive(true);
            client = Redis.createClient(vertx, options);
        } catch (RuntimeException e) {
            LOG.errorf("cannot create a Redis client for %s: %s; retrying", describe(), e.toString());
            vertx.setTimer(backoff.next().toMillis(), id -> connect());
            return;
        }
        Session attempt =
                new Session(client, new LivenessProbe(config.busyCheckTimeout().toNanos()));
        session = attempt;
        // One deadline covers TCP connect, protocol handshake and the SUBSCRIBE confirmations.
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

    /** Sends SUBSCRIBE for every channel; each confirmation comes back as a push, see {@link #onPush}. */
    private void subscribe(Session attempt) {
        attempt.unconfirmed.addAll(channelNames);
        Request subscribe = Request.cmd(Command.SUBSCRIBE);
        channelNames.forEach(subscribe::arg);
        attempt.connection
                .send(subscribe)
                .onFailure(failure -> lost(attempt, "SUBSCRIBE failed: " + failure.getMessage()));
    }

    private void onPush(Session from, Response push) {
        if (session != from
                || push == null
                || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
                || push.size() < 2) {
            return;
        }
        switch (push.get(0).toString()) {
            case "message" -> {
                if (push.size() == 3) {
                    from.liveness.messageReceived();
                    listener.onMessage(push.get(1).toString(), push.get(2).toString());
                }
            }
            case "subscribe" -> {
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
            }
            case "unsubscribe" -> lost(from, "unsubscribed from " + push.get(1));
            default -> {
                // Nothing else was asked for; ignore it.
            }
        }
    }

    private void subscribed(Session current) {
        current.subscribed = true;
        failedAttempts = 0;
        vertx.cancelTimer(current.deadline);
        backoff.reset();
        state = State.SUBSCRIBED;
        if (everSubscribed) {
            LOG.infof("Redis subscription restored at %s", describe());
        } else {
            LOG.infof("subscribed to %d event channels at %s", channelNames.size(), describe());
        }
        boolean restored = everSubscribed;
        everSubscribed = true;
        listener.onSubscribed(restored);
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
        which.close();
        if (state == State.STOPPED) {
            return;
        }
        long delay = backoff.next().toMillis();
        if (which.subscribed) {
            failedAttempts = 0;
            LOG.warnf("Redis subscription lost (%s); reconnecting in %d ms", why, delay);
        } else if (++failedAttempts % 10 == 1) {
            // First failure and every tenth after it: visible, without a line per retry while Redis is away.
            LOG.warnf(
                    "cannot subscribe to Redis at %s (%s, attempt %d); retrying in %d ms",
                    describe(), why, failedAttempts, delay);
        } else {
            LOG.debugf(
                    "Redis subscription attempt %d failed (%s); retrying in %d ms",
                    (Object) failedAttempts, why, delay);
        }
        state = everSubscribed ? State.RECONNECTING : State.STARTING;
        vertx.setTimer(delay, id -> {
            if (session == which) {
                connect();
            }
        });
    }

    /** One connection attempt and, if it succeeds, its subscription. Stale callbacks compare against it. */
    private final class Session {
        final Redis client;
        final LivenessProbe liveness;
        /** Channels of the last SUBSCRIBE not confirmed yet; empty when no SUBSCRIBE is outstanding. */
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
