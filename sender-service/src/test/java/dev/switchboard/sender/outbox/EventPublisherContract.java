package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.Partitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventPublisher} must do, whatever the transport. An implementation's test extends this class and
 * supplies the publisher and a way to watch, refuse and stop its transport; it inherits every test.
 */
public abstract class EventPublisherContract {

    protected static final Duration WAIT = Duration.ofSeconds(10);
    /** The channels of the default configuration: the publisher under test must use these. */
    protected static final EventChannels CHANNELS =
            new EventChannels(EventChannels.DEFAULT_PREFIX, new Partitions(Partitions.DEFAULT_COUNT));

    /** Epochs only grow, across tests too: the transport may remember the fence of an earlier test. */
    private static final AtomicLong EPOCHS = new AtomicLong(System.currentTimeMillis());

    /** An event as a subscriber of its channel received it. */
    public record Received(String channel, String payload) {}

    /** Watches every event channel of every partition from now on. */
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
    void everyRowReachesItsPartitionsEventChannelInTheOrderGiven() {
        int partition = 5;
        UUID chatA = chatIn(partition);
        UUID chatB = chatIn(partition);
        List<OutboxRow> rows = new ArrayList<>();
        String[] types = {"messageAdded", "chatMessageNotification", "messageUpdateForChatList", "unreadCountUpdated"};
        for (int i = 0; i < 60; i++) {
            rows.add(row(i + 1, i % 2 == 0 ? chatA : chatB, types[i % types.length]));
        }
        try (Tap tap = tap()) {
            List<PublishResult> results = publish(partition, EPOCHS.incrementAndGet(), rows);

            assertEquals(rows.size(), results.size());
            results.forEach(result -> assertInstanceOf(PublishResult.Published.class, result));
            await().atMost(WAIT).until(() -> tap.received().size() >= rows.size());
            assertEquals(rows.stream().map(EventPublisherContract::asReceived).toList(), tap.received());
        }
    }

    @Test
    void aRefusedRowIsReportedAsRefusedAndTheRowsAroundItArePublished() {
        refuse("chatAdded");
        UUID chat = chatIn(9);
        List<OutboxRow> rows =
                List.of(row(1, chat, "messageAdded"), row(2, chat, "chatAdded"), row(3, chat, "messageAdded"));
        try (Tap tap = tap()) {
            List<PublishResult> results = publish(9, EPOCHS.incrementAndGet(), rows);

            assertInstanceOf(PublishResult.Published.class, results.get(0));
            assertInstanceOf(PublishResult.Refused.class, results.get(1));
            assertInstanceOf(PublishResult.Published.class, results.get(2));
            await().atMost(WAIT).until(() -> tap.received().stream().distinct().count() >= 2);
            List<Received> distinct = tap.received().stream().distinct().toList();
            assertEquals(List.of(asReceived(rows.get(0)), asReceived(rows.get(2))), distinct);
        }
    }

    @Test
    void onceANewerEpochHasPublishedAPartitionAnOlderOnePublishesNothingThere() {
        int partition = 17;
        UUID chat = chatIn(partition);
        long older = EPOCHS.incrementAndGet();
        long newer = EPOCHS.incrementAndGet();
        try (Tap tap = tap()) {
            assertPublished(publish(partition, older, List.of(row(1, chat, "messageAdded"))));
            assertPublished(publish(partition, newer, List.of(row(2, chat, "messageAdded"))));

            List<PublishResult> fenced =
                    publish(partition, older, List.of(row(3, chat, "messageAdded"), row(4, chat, "messageAdded")));
            assertEquals(List.of(new PublishResult.Fenced(newer), new PublishResult.Fenced(newer)), fenced);

            assertPublished(publish(partition, newer, List.of(row(5, chat, "messageAdded"))));
            await().atMost(WAIT).until(() -> tap.received().size() >= 3);
            assertEquals(
                    List.of(1L, 2L, 5L),
                    tap.received().stream().map(r -> idOf(r.payload())).toList(),
                    "nothing of the older epoch after the newer one's first publish");
        }
    }

    @Test
    void theFenceOfOnePartitionLeavesTheOthersAlone() {
        UUID chat = chatIn(21);
        UUID other = chatIn(22);
        long high = EPOCHS.addAndGet(1_000);
        assertPublished(publish(21, high, List.of(row(1, chat, "messageAdded"))));
        assertPublished(publish(22, high - 500, List.of(row(2, other, "messageAdded"))));
    }

    @Test
    void aTransportThatIsDownFailsEveryRowAndRefusesNone() {
        stopTransport();
        UUID chat = chatIn(3);
        List<PublishResult> results = publish(
                3, EPOCHS.incrementAndGet(), List.of(row(1, chat, "messageAdded"), row(2, chat, "messageAdded")));

        assertEquals(2, results.size());
        results.forEach(result -> assertInstanceOf(PublishResult.Failed.class, result));
    }

    @Test
    void nothingToPublishIsNoResult() {
        assertTrue(publish(0, EPOCHS.incrementAndGet(), List.of()).isEmpty());
    }

    private List<PublishResult> publish(int partition, long epoch, List<OutboxRow> rows) {
        return publisher()
                .publish(new EventPublisher.PartitionBatch(partition, epoch, rows))
                .await()
                .atMost(WAIT);
    }

    private static void assertPublished(List<PublishResult> results) {
        results.forEach(result -> assertInstanceOf(PublishResult.Published.class, result));
    }

    /** A chat id whose partition is this one. */
    protected static UUID chatIn(int partition) {
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (CHANNELS.partitions().of(candidate) == partition) {
                return candidate;
            }
        }
    }

    protected static OutboxRow row(long id, UUID chatId, String eventType) {
        return new OutboxRow(
                id,
                CHANNELS.partitions().of(chatId),
                chatId,
                eventType,
                "{\"id\":\"" + id + "\",\"chatId\":\"" + chatId + "\"}",
                0);
    }

    private static long idOf(String payload) {
        int start = payload.indexOf("\"id\":\"") + 6;
        return Long.parseLong(payload.substring(start, payload.indexOf('"', start)));
    }

    private static Received asReceived(OutboxRow row) {
        return new Received(CHANNELS.channel(row.eventType(), row.partition()), row.payload());
    }
}
