package dev.switchboard.receiver.subscription;

import dev.switchboard.events.EventChannels;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every Redis topology's {@link EventSubscription} shares: the partitions' channels spread over
 * {@link RedisNodeSubscription}s, all of its state confined to one Vert.x context (so no locks), a start that hands
 * over to that context, a stop that waits for it, and the state derived from how much is subscribed. {@link #state} is
 * volatile for the health check.
 */
abstract class RedisPartitionedSubscription implements EventSubscription, RedisNodeSubscription.Events {

    protected final Vertx vertx;
    protected final SubscriptionConfig config;
    protected Listener listener;
    private Context context;
    private volatile State state = State.STARTING;

    RedisPartitionedSubscription(Vertx vertx, SubscriptionConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public final State state() {
        return state;
    }

    @Override
    public final void start(EventChannels channels, Listener listener) {
        if (context != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
        // Called off the event loops (start-up's main thread): a fresh event-loop context owns all of the state.
        context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> begin(channels));
    }

    @Override
    public final void stop() {
        if (context == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        context.runOnContext(ignored -> {
            state = State.STOPPED;
            end();
            stopped.countDown();
        });
        try {
            stopped.await(config.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final void onMessage(String channel, ByteBuffer payload) {
        if (state != State.STOPPED) {
            listener.onMessage(channel, payload);
        }
    }

    /** On the context: open the node subscriptions. */
    protected abstract void begin(EventChannels channels);

    /** On the context, after the state turned STOPPED: close every node subscription for good. */
    protected abstract void end();

    protected final boolean stopped() {
        return state == State.STOPPED;
    }

    /**
     * @param subscribed how many units (nodes, partitions) are subscribed now
     * @param total      how many there are
     * @param announced  whether the first complete subscription was reached before
     */
    protected final void subscribedNow(int subscribed, int total, boolean announced) {
        if (state == State.STOPPED) {
            return;
        }
        if (subscribed == total) {
            state = State.SUBSCRIBED;
        } else if (subscribed > 0) {
            state = State.PARTIAL;
        } else {
            state = announced ? State.RECONNECTING : State.STARTING;
        }
    }
}
