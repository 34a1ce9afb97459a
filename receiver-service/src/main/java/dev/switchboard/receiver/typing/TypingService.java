package dev.switchboard.receiver.typing;

import dev.switchboard.events.Audience;
import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventData;
import dev.switchboard.events.EventType;
import dev.switchboard.receiver.delivery.LocalConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Typing frames to typing events. A connection may only type in a chat it watches on a valid grant (the grant is the
 * proof of membership: no database here). Each connection forwards at most one "typing" per chat per interval
 * (the rest never leave this instance), and the Redis gate makes that one per user per chat across every receiver;
 * a "stopped" goes out only after a "typing" of the same connection that may still show, and when a connection
 * closes in the middle of typing. Nothing waits for Redis: the publish is fire-and-forget, at most once.
 */
@Singleton
public class TypingService {

    private static final Logger LOG = Logger.getLogger(TypingService.class);

    /** What became of a typing frame. */
    public enum Outcome {
        /** Handed to Redis (which may still find the gate closed by another connection of the user). */
        FORWARDED,
        /** Dropped here: this connection announced the same within the interval, or a stop with nothing to stop. */
        DROPPED,
        /** The connection does not watch the chat, or its grant expired. */
        NOT_WATCHING
    }

    private final EphemeralPublisher publisher;
    private final EventCodec codec;
    private final EventChannels channels;
    private final String gatePrefix;
    private final Duration interval;
    private final Duration timeout;
    private final Map<String, Map<UUID, Instant>> announced = new ConcurrentHashMap<>();
    // One chain of publishes per connection: its "typing" and "stopped" reach Redis in the order they were sent (the
    // client's connections are pooled, so two calls in flight at once may overtake each other).
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Counter published;
    private final Counter gated;
    private final Counter failed;

    @Inject
    public TypingService(
            EphemeralPublisher publisher,
            EventCodec codec,
            EventChannels channels,
            TypingConfig config,
            MeterRegistry registry) {
        this.publisher = publisher;
        this.codec = codec;
        this.channels = channels;
        this.gatePrefix = channels.prefix() + "typing-gate:";
        this.interval = config.interval();
        this.timeout = config.timeout();
        this.published = counter(registry, "published");
        this.gated = counter(registry, "gated");
        this.failed = counter(registry, "failed");
    }

    /** The user of the connection types (or stopped typing) in the chat. Runs on the connection's event loop. */
    public Outcome typing(LocalConnection connection, UUID chatId, boolean typing) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (!connection.watches(chatId, now)) {
            return Outcome.NOT_WATCHING;
        }
        Map<UUID, Instant> mine = announced.computeIfAbsent(connection.connectionId(), id -> new HashMap<>());
        synchronized (mine) {
            Instant last = mine.get(chatId);
            if (typing) {
                if (last != null && last.plus(interval).isAfter(now)) {
                    return Outcome.DROPPED;
                }
                mine.put(chatId, now);
            } else {
                if (last == null || !last.plus(timeout).isAfter(now)) {
                    return Outcome.DROPPED; // nothing of this connection still shows
                }
                mine.remove(chatId);
            }
        }
        publish(connection.connectionId(), chatId, connection.userId(), typing, now);
        return Outcome.FORWARDED;
    }

    /** A closed connection stops showing as typing wherever it still may. */
    public void closed(LocalConnection connection) {
        Map<UUID, Instant> mine = announced.remove(connection.connectionId());
        if (mine != null) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            synchronized (mine) {
                mine.forEach((chatId, last) -> {
                    if (last.plus(timeout).isAfter(now)) {
                        publish(connection.connectionId(), chatId, connection.userId(), false, now);
                    }
                });
            }
        }
        CompletableFuture<Void> last = inFlight.get(connection.connectionId());
        if (last != null) {
            last.whenComplete((ignored, failure) -> inFlight.remove(connection.connectionId(), last));
        }
    }

    private void publish(String connectionId, UUID chatId, String userId, boolean typing, Instant now) {
        int partition = channels.partitions().of(chatId);
        String payload = codec.encode(codec.envelope(
                EventType.TYPING,
                chatId,
                now,
                Audience.of(List.of()),
                new EventData.Typing(chatId, userId, typing, typing ? now.plus(timeout) : null)));
        String gateKey = gatePrefix + "{" + channels.partitions().tag(partition) + "}:" + chatId + ":" + userId
                + (typing ? ":typing" : ":stopped");
        String channel = channels.channel(EventType.TYPING, partition);
        inFlight.compute(
                connectionId,
                (id, previous) -> (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                        .thenCompose(ignored -> publisher
                                .publish(partition, gateKey, interval, channel, payload)
                                .handle((sent, failure) -> {
                                    record(userId, chatId, sent, failure);
                                    return (Void) null;
                                })));
    }

    private void record(String userId, UUID chatId, Boolean sent, Throwable failure) {
        {
            if (failure != null) {
                failed.increment();
                LOG.debugf("typing of %s in chat %s not published: %s", userId, chatId, failure);
            } else if (sent) {
                published.increment();
            } else {
                gated.increment();
            }
        }
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("switchboard.receiver.typing")
                .description("Typing events this receiver handed to Redis, by what became of them")
                .tag("result", result)
                .register(registry);
    }
}
