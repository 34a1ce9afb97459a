package dev.switchboard.receiver.subscription;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.delivery.AudienceRouter;
import dev.switchboard.receiver.delivery.ClientFrameEncoder;
import dev.switchboard.runtime.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one Redis subscription of this instance: its own connection (not the pool), SUBSCRIBEd to every event
 * channel; each message is decoded once and handed to the {@link AudienceRouter}.
 * <p>
 * Redis clients are known to drop pub/sub subscriptions silently on reconnect, so this class does not let the
 * client reconnect for it. It owns the connection and treats as lost: the connection's end or exception, a
 * connect or SUBSCRIBE not confirmed within the check timeout, and a failed liveness check. On loss it drops the
 * client, reconnects with capped exponential backoff, resubscribes, and once every channel is confirmed tells
 * every local client to {@code resync}.
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
public class RedisEventSubscriber {

    public enum State {
        STARTING,
        SUBSCRIBED,
        RECONNECTING,
        STOPPED
    }

    static final String RESTORED = "subscription-restored";
    static final String STARTED = "subscription-started";

    private static final Logger LOG = Logger.getLogger(RedisEventSubscriber.class);

    private final Vertx vertx;
    private final SubscriptionConfig config;
    private final EventCodec codec;
    private final AudienceRouter router;
    private final ClientFrameEncoder encoder;
    private final SubscriptionMetrics metrics;
    private final EventChannels channels;
    private final List<String> channelNames;
    private final String redisUrl;
    private final Backoff backoff;
    private final LongAdder received = new LongAdder();
    private final LongAdder restorations = new LongAdder();
    private final LongAdder passedChecks = new LongAdder();

    private volatile State state = State.STARTING;
    private volatile boolean started;
    private Context context;
    private Session session;
    private long livenessTimer = -1;
    private boolean everSubscribed;
    private int failedAttempts;

    @Inject
    public RedisEventSubscriber(
            Vertx vertx,
            SubscriptionConfig config,
            EventCodec codec,
            AudienceRouter router,
            ClientFrameEncoder encoder,
            SubscriptionMetrics metrics,
            @ConfigProperty(name = "switchboard.channel-prefix") String channelPrefix,
            @ConfigProperty(name = "quarkus.redis.hosts") String redisHosts) {
        this.vertx = vertx;
        this.config = config;
        this.codec = codec;
        this.router = router;
        this.encoder = encoder;
        this.metrics = metrics;
        this.channels = new EventChannels(channelPrefix);
        this.channelNames = channels.all();
        // Same Redis as the rest of the app; a subscription needs just one node.
        this.redisUrl = redisHosts.split(",")[0].trim();
        this.backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff());
        metrics.reportsUpFrom(this::isSubscribed);
    }

    /** Whether the subscriber has been started (it then connects, and reconnects, on its own). */
    public boolean isStarted() {
        return started;
    }

    public boolean isSubscribed() {
        return state == State.SUBSCRIBED;
    }

    public State state() {
        return state;
    }

    public long received() {
        return received.sum();
    }

    /** How many times a lost subscription came back (and clients were told to resync). */
    public long restorations() {
        return restorations.sum();
    }

    /** Liveness checks that found the subscription intact. */
    public long passedChecks() {
        return passedChecks.sum();
    }

    void onStart(@Observes StartupEvent event) {
        // Called on the main thread: this creates a fresh event-loop context that owns all of the state.
        context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> {
            connect();
            livenessTimer = vertx.setPeriodic(config.checkInterval().toMillis(), id -> checkLiveness());
        });
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
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
            LOG.errorf("cannot create a Redis client for %s: %s; retrying", redisUrl, e.toString());
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
                    onMessage(push.get(1).toString(), push.get(2).toString());
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

    private void onMessage(String channel, String payload) {
        received.increment();
        EventType channelType = channels.typeOf(channel);
        if (channelType != null) {
            metrics.received(channelType);
        }
        try {
            EventEnvelope event = codec.decode(payload);
            if (channelType != event.type()) {
                router.rejected(event.type().wireName() + " " + event.id(), "published on channel " + channel);
                return;
            }
            router.route(event);
        } catch (EventCodec.InvalidEventException e) {
            router.rejected("on " + channel + " (" + payload.length() + " chars)", reasonOf(e));
        } catch (RuntimeException e) {
            // Whatever went wrong with this message, the next one must still be delivered.
            router.rejected("on " + channel + " (" + payload.length() + " chars)", e.toString());
        }
    }

    /**
     * Why an event could not be decoded, for the log. A JSON parser's message quotes the offending piece of the
     * payload, which may be a user's message: only its kind and position are kept.
     */
    static String reasonOf(EventCodec.InvalidEventException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return "cannot decode event: " + json.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return e.getMessage();
    }

    private void subscribed(Session current) {
        current.subscribed = true;
        failedAttempts = 0;
        vertx.cancelTimer(current.deadline);
        backoff.reset();
        state = State.SUBSCRIBED;
        // Clients connected while the subscription was down may have missed events: they re-read history.
        if (everSubscribed) {
            restorations.increment();
        }
        String reason = everSubscribed ? RESTORED : STARTED;
        int told = router.broadcast(encoder.resync(reason));
        metrics.resyncsSent(told);
        if (everSubscribed) {
            LOG.infof("Redis subscription restored at %s; resync sent to %d connections", redisUrl, told);
        } else {
            LOG.infof("subscribed to %d event channels at %s", channelNames.size(), redisUrl);
        }
        everSubscribed = true;
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
                    redisUrl, why, failedAttempts, delay);
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
