package dev.switchboard.sender.testing;

import dev.switchboard.events.EventCodec;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Every event of the contract as a receiver would get it from Redis (a plain SUBSCRIBE to every channel),
 * decoded, per chat, in arrival order.
 * <p>
 * "Nothing more was published" is shown with a fence: a message sent after the action under test. Events of a chat
 * reach Redis in commit order, so once the fence's messageAdded has arrived, every event committed before it has too.
 */
public final class EventLog implements AutoCloseable {

    public static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final RedisSubscription subscription;
    private final EventCodec codec;

    private EventLog(RedisSubscription subscription, EventCodec codec) {
        this.subscription = subscription;
        this.codec = codec;
    }

    public static EventLog subscribe(Vertx vertx, EventCodec codec) {
        List<String> channels = RedisSubscription.CHANNELS.all();
        return new EventLog(RedisSubscription.subscribe(vertx, channels.toArray(String[]::new)), codec);
    }

    /** Every event of the chat so far. */
    public List<EventEnvelope> of(String chatId) {
        return subscription.received().stream()
                .map(received -> codec.decode(received.payload()))
                .filter(event ->
                        event.chatId() != null && event.chatId().toString().equals(chatId))
                .toList();
    }

    public List<EventEnvelope> of(String chatId, EventType type) {
        return of(chatId).stream().filter(event -> event.type() == type).toList();
    }

    /** Waits until the chat has at least {@code count} events of this type; returns them all. */
    public List<EventEnvelope> await(String chatId, EventType type, int count) {
        Awaitility.await().atMost(PROMPTLY).until(() -> of(chatId, type).size() >= count);
        return of(chatId, type);
    }

    /**
     * Sends a message from {@code memberId} and waits for its messageAdded.
     *
     * @return every event of the chat published before that fence message, in order
     */
    public List<EventEnvelope> untilFence(String chatId, String memberId) {
        long seq = Api.send(memberId, chatId, "fence");
        Awaitility.await().atMost(PROMPTLY).until(() -> fenceIndex(chatId, seq) >= 0);
        List<EventEnvelope> events = of(chatId);
        return events.subList(0, fenceIndex(chatId, seq));
    }

    /** {@link #untilFence} cut down to one type. */
    public List<EventEnvelope> untilFence(String chatId, String memberId, EventType type) {
        return untilFence(chatId, memberId).stream()
                .filter(event -> event.type() == type)
                .toList();
    }

    public <T> T data(EventEnvelope event, Class<T> type) {
        return codec.dataAs(event, type);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> dataMap(EventEnvelope event) {
        return codec.dataAs(event, Map.class);
    }

    private int fenceIndex(String chatId, long seq) {
        List<EventEnvelope> events = of(chatId);
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            if (event.type() == EventType.MESSAGE_ADDED
                    && event.data().get("seq").asLong() == seq) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
