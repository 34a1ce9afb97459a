package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventPublisher} must do, whatever the transport. An implementation's test extends this class and
 * supplies the publisher and a way to watch, refuse and stop its transport; it inherits every test.
 */
public abstract class EventPublisherContract {

    protected static final Duration WAIT = Duration.ofSeconds(10);

    /** An event as a subscriber of its channel received it. */
    public record Received(String eventType, String payload) {}

    /** Watches every event channel from now on. */
    public interface Tap extends AutoCloseable {
        List<Received> received();

        @Override
        void close();
    }

    /** The publisher under test, connected to a transport that is up and takes every channel. */
    protected abstract EventPublisher publisher();

    protected abstract Tap tap();

    /** From now on the transport refuses every event of this type (and only those). */
    protected abstract void refuse(String eventType);

    /** Takes the transport away; the next test gets it back. */
    protected abstract void stopTransport();

    @Test
    void everyRowReachesItsEventChannelInTheOrderGiven() {
        UUID chatA = UUID.randomUUID();
        UUID chatB = UUID.randomUUID();
        List<OutboxRow> rows = new ArrayList<>();
        String[] types = {"messageAdded", "chatMessageNotification", "messageUpdateForChatList", "unreadCountUpdated"};
        for (int i = 0; i < 60; i++) {
            rows.add(row(i + 1, i % 2 == 0 ? chatA : chatB, types[i % types.length]));
        }
        try (Tap tap = tap()) {
            List<PublishResult> results = publish(rows);

            assertEquals(rows.size(), results.size());
            results.forEach(result -> assertInstanceOf(PublishResult.Published.class, result));
            await().atMost(WAIT).until(() -> tap.received().size() >= rows.size());
            assertEquals(rows.stream().map(EventPublisherContract::asReceived).toList(), tap.received());
        }
    }

    @Test
    void aRefusedRowIsReportedAsRefusedAndTheRowsAroundItArePublished() {
        refuse("chatAdded");
        UUID chat = UUID.randomUUID();
        List<OutboxRow> rows =
                List.of(row(1, chat, "messageAdded"), row(2, chat, "chatAdded"), row(3, chat, "messageAdded"));
        try (Tap tap = tap()) {
            List<PublishResult> results = publish(rows);

            assertInstanceOf(PublishResult.Published.class, results.get(0));
            assertInstanceOf(PublishResult.Refused.class, results.get(1));
            assertInstanceOf(PublishResult.Published.class, results.get(2));
            await().atMost(WAIT).until(() -> tap.received().stream().distinct().count() >= 2);
            List<Received> distinct = tap.received().stream().distinct().toList();
            assertEquals(List.of(asReceived(rows.get(0)), asReceived(rows.get(2))), distinct);
        }
    }

    @Test
    void aTransportThatIsDownFailsEveryRowAndRefusesNone() {
        stopTransport();
        UUID chat = UUID.randomUUID();
        List<PublishResult> results = publish(List.of(row(1, chat, "messageAdded"), row(2, chat, "messageAdded")));

        assertEquals(2, results.size());
        results.forEach(result -> assertInstanceOf(PublishResult.Failed.class, result));
    }

    @Test
    void nothingToPublishIsNoResult() {
        assertTrue(publish(List.of()).isEmpty());
    }

    private List<PublishResult> publish(List<OutboxRow> rows) {
        return publisher().publish(rows).await().atMost(WAIT);
    }

    protected static OutboxRow row(long id, UUID chatId, String eventType) {
        return new OutboxRow(id, chatId, eventType, "{\"id\":\"" + id + "\",\"chatId\":\"" + chatId + "\"}", 0);
    }

    private static Received asReceived(OutboxRow row) {
        return new Received(row.eventType(), row.payload());
    }
}
