package dev.switchboard.receiver.presence;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventType;
import dev.switchboard.events.Partitions;
import dev.switchboard.receiver.delivery.ConnectionRegistry;
import dev.switchboard.receiver.delivery.LocalConnection;
import dev.switchboard.receiver.delivery.PresenceSubscription;
import dev.switchboard.receiver.delivery.PresenceWatches;
import dev.switchboard.receiver.redis.RedisPartitionClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Presence of this receiver's users, kept in the {@link PresenceStore}: a connection that opens is added (the user's
 * first anywhere publishes "online"), one that closes removed (their last publishes "offline"), and every
 * {@code refresh-interval} this receiver renews all of its connections. A receiver that dies stops renewing; every
 * receiver sweeps for users whose connections all expired and publishes their "offline", so a killed receiver's users
 * show offline within {@code ttl} plus one {@code sweep-interval}. Nothing is broadcast to contacts: a client follows
 * the users it asks for ({@link #follow}) and gets their changes only.
 */
@Singleton
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class);
    private static final int SWEEP_BATCH = 200;

    private final PresenceStore store;
    private final ConnectionRegistry registry;
    private final PresenceWatches watches;
    private final EventCodec codec;
    private final Vertx vertx;
    private final PresenceConfig config;
    private final Partitions partitions;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Counter failures;
    // One chain of store calls per connection: its close never overtakes its open in Redis (the client's connections
    // are pooled, so two calls in flight at once may overtake each other).
    private final java.util.Map<String, java.util.concurrent.CompletableFuture<Void>> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long refreshTimer = -1;
    private volatile long sweepTimer = -1;

    @Inject
    public PresenceService(
            PresenceStore store,
            ConnectionRegistry registry,
            PresenceWatches watches,
            EventCodec codec,
            Vertx vertx,
            PresenceConfig config,
            EventChannels channels,
            MeterRegistry meters) {
        this.store = store;
        this.registry = registry;
        this.watches = watches;
        this.codec = codec;
        this.vertx = vertx;
        this.config = config;
        this.partitions = channels.partitions();
        this.failures = Counter.builder("switchboard.receiver.presence.failures")
                .description("Presence changes or renewals Redis did not take (the next renewal repairs them)")
                .register(meters);
    }

    /** The store on the configured topology. */
    static final class Producer {
        @Produces
        @Singleton
        PresenceStore store(RedisPartitionClients clients, EventChannels channels) {
            return new RedisPresenceStore(clients, channels);
        }
    }

    void start(@Observes StartupEvent event) {
        refreshTimer = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> refresh());
        sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (refreshTimer >= 0) {
            vertx.cancelTimer(refreshTimer);
        }
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    /** A connection opened here (registered). */
    public void opened(LocalConnection connection) {
        inOrder(connection.connectionId(), () -> {
            long now = now();
            return store.connected(
                    connection.userId(),
                    connection.connectionId(),
                    now + config.ttl().toMillis(),
                    now,
                    event(connection.userId(), true, now));
        });
    }

    /** A connection closed here. */
    public void closed(LocalConnection connection) {
        watches.unfollowAll(connection);
        java.util.concurrent.CompletableFuture<Void> last = inOrder(connection.connectionId(), () -> {
            long now = now();
            return store.disconnected(
                    connection.userId(), connection.connectionId(), now, event(connection.userId(), false, now));
        });
        last.whenComplete((ignored, failure) -> inFlight.remove(connection.connectionId(), last));
    }

    private java.util.concurrent.CompletableFuture<Void> inOrder(
            String connectionId, java.util.function.Supplier<CompletionStage<Void>> call) {
        return inFlight.compute(
                connectionId,
                (id, previous) -> (previous == null
                                ? java.util.concurrent.CompletableFuture.<Void>completedFuture(null)
                                : previous)
                        .thenCompose(ignored -> call.get())
                        .handle((ignored, failure) -> {
                            if (failure != null) {
                                failures.increment();
                                LOG.debugf("presence change not stored: %s", failure);
                            }
                            return (Void) null;
                        }));
    }

    /**
     * The connection follows these users (replacing what it followed) until the grant expires.
     *
     * @return their state now
     */
    public CompletionStage<List<PresenceStore.State>> follow(
            LocalConnection connection, List<String> userIds, Instant until) {
        watches.follow(connection, new PresenceSubscription(new HashSet<>(userIds), until));
        return store.states(userIds, now());
    }

    void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        List<PresenceStore.Held> held = new ArrayList<>(registry.size());
        for (LocalConnection connection : registry.all()) {
            held.add(new PresenceStore.Held(connection.userId(), connection.connectionId()));
        }
        long now = now();
        store.refresh(held, now + config.ttl().toMillis()).whenComplete((missing, failure) -> {
            refreshing.set(false);
            if (failure != null) {
                failures.increment();
                LOG.debugf("presence renewal failed: %s", failure);
                return;
            }
            for (PresenceStore.Held gone : missing) {
                registry.byId(gone.connectionId()).ifPresent(this::opened);
            }
        });
    }

    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        long now = now();
        List<CompletionStage<?>> calls = new ArrayList<>();
        for (int partition = 0; partition < partitions.count(); partition++) {
            calls.add(store.sweep(partition, now, SWEEP_BATCH).thenAccept(expired -> {
                for (PresenceStore.Expired user : expired) {
                    long lastSeen = user.lastExpiryMillis() - config.ttl().toMillis();
                    logged(store.expired(user.userId(), lastSeen, now, event(user.userId(), false, lastSeen)));
                }
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(calls.stream()
                        .map(CompletionStage::toCompletableFuture)
                        .toArray(java.util.concurrent.CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> {
                    sweeping.set(false);
                    if (failure != null) {
                        failures.increment();
                        LOG.debugf("presence sweep failed: %s", failure);
                    }
                });
    }

    private String event(String userId, boolean online, long lastSeenMillis) {
        Instant now = Instant.now();
        return codec.encode(codec.envelope(
                EventType.PRESENCE_CHANGED,
                null,
                now,
                Audience.of(List.of()),
                new EventData.Presence(
                        userId, online, Instant.ofEpochMilli(lastSeenMillis).truncatedTo(ChronoUnit.MILLIS))));
    }

    private void logged(CompletionStage<?> call) {
        call.whenComplete((ignored, failure) -> {
            if (failure != null) {
                failures.increment();
                LOG.debugf("presence change not stored: %s", failure);
            }
        });
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** The longest a dead receiver's users stay online: what the contract promises. */
    public Duration offlineBound() {
        return config.ttl().plus(config.sweepInterval());
    }
}
