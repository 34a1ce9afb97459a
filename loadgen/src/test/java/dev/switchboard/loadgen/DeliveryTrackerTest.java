package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    private static final String RUN = "r1";
    private static final String CHAT = "chat-a";

    private LatencyHistogram latency;
    private DeliveryTracker tracker;

    @BeforeEach
    void setUp() {
        latency = new LatencyHistogram();
        tracker = new DeliveryTracker(RUN, 4, latency);
        tracker.measureFrom(0);
        tracker.registerChat(CHAT, List.of(0, 1, 2));
    }

    private static String content(long n, long intendedNanos) {
        return new MessageContent(RUN, n, intendedNanos).encode();
    }

    @Test
    void everyAcknowledgedMessageAtEveryMemberIsClean() {
        for (int seq = 1; seq <= 3; seq++) {
            tracker.acknowledged(CHAT, seq);
            for (int connection = 0; connection < 3; connection++) {
                tracker.delivered(connection, CHAT, seq, content(seq, 1_000), 3_000_000);
            }
        }
        DeliveryCounts counts = tracker.counts();
        assertEquals(new DeliveryCounts(9, 9, 0, 0, 0, 0, 0), counts);
        assertTrue(counts.clean());
        assertEquals(9, latency.snapshot().getTotalCount());
        assertEquals(9, tracker.deliveredSoFar());
    }

    @Test
    void acknowledgedButNeverReceivedAtOneMemberIsLostThere() {
        tracker.acknowledged(CHAT, 1);
        tracker.acknowledged(CHAT, 2);
        tracker.delivered(0, CHAT, 1, content(0, 0), 10);
        tracker.delivered(1, CHAT, 1, content(0, 0), 10);
        tracker.delivered(2, CHAT, 1, content(0, 0), 10);
        tracker.delivered(0, CHAT, 2, content(1, 0), 10);
        DeliveryCounts counts = tracker.counts();
        assertEquals(6, counts.expected());
        assertEquals(4, counts.delivered());
        assertEquals(2, counts.lost());
        assertFalse(counts.clean());
    }

    @Test
    void theSameSeqTwiceAtOneConnectionIsADuplicateAndNotTimedAgain() {
        tracker.acknowledged(CHAT, 1);
        tracker.delivered(0, CHAT, 1, content(0, 0), 5_000);
        tracker.delivered(0, CHAT, 1, content(0, 0), 9_000);
        tracker.delivered(1, CHAT, 1, content(0, 0), 5_000);
        DeliveryCounts counts = tracker.counts();
        assertEquals(1, counts.duplicates());
        assertEquals(2, counts.delivered());
        assertEquals(1, counts.lost()); // connection 2 never got it
        assertEquals(2, latency.snapshot().getTotalCount());
    }

    @Test
    void aLowerSeqAfterAHigherOneIsOutOfOrderButDelivered() {
        tracker.acknowledged(CHAT, 1);
        tracker.acknowledged(CHAT, 2);
        tracker.delivered(0, CHAT, 2, content(1, 0), 10);
        tracker.delivered(0, CHAT, 1, content(0, 0), 10);
        tracker.delivered(1, CHAT, 1, content(0, 0), 10);
        tracker.delivered(1, CHAT, 2, content(1, 0), 10);
        DeliveryCounts counts = tracker.counts();
        assertEquals(1, counts.outOfOrder());
        assertEquals(0, counts.duplicates());
        assertEquals(4, counts.delivered());
        assertEquals(2, counts.lost()); // connection 2 got neither
    }

    @Test
    void orderIsPerChatAndPerConnection() {
        tracker.registerChat("chat-b", List.of(0, 3));
        tracker.delivered(0, CHAT, 5, content(0, 0), 10);
        tracker.delivered(0, "chat-b", 1, content(1, 0), 10);
        tracker.delivered(1, CHAT, 1, content(2, 0), 10);
        assertEquals(0, tracker.counts().outOfOrder());
    }

    @Test
    void aDeliveryBeforeItsAcknowledgementCountsOnceTheAnswerArrives() {
        tracker.delivered(0, CHAT, 1, content(0, 0), 10);
        assertEquals(1, tracker.counts().deliveredUnacknowledged());
        tracker.acknowledged(CHAT, 1);
        DeliveryCounts counts = tracker.counts();
        assertEquals(0, counts.deliveredUnacknowledged());
        assertEquals(3, counts.expected());
        assertEquals(2, counts.lost());
    }

    @Test
    void framesOfOtherRunsUnknownChatsOrNonMembersAreForeign() {
        tracker.delivered(0, CHAT, 1, new MessageContent("other", 0, 0).encode(), 10);
        tracker.delivered(0, "unknown-chat", 1, content(0, 0), 10);
        tracker.delivered(3, CHAT, 1, content(0, 0), 10);
        tracker.delivered(0, CHAT, 1, "hello from a human", 10);
        DeliveryCounts counts = tracker.counts();
        assertEquals(4, counts.foreign());
        assertEquals(0, counts.delivered());
    }

    @Test
    void warmUpMessagesAreCountedButNotTimed() {
        tracker.measureFrom(1_000_000);
        tracker.acknowledged(CHAT, 1);
        tracker.acknowledged(CHAT, 2);
        tracker.delivered(0, CHAT, 1, content(0, 999_999), 2_000_000); // intended before the window
        tracker.delivered(0, CHAT, 2, content(1, 1_000_000), 4_000_000); // 3 ms after its intended time
        assertEquals(2, tracker.counts().delivered());
        var histogram = latency.snapshot();
        assertEquals(1, histogram.getTotalCount());
        assertEquals(3000, histogram.getMaxValue(), 3000 * 0.001 + 1);
    }

    @Test
    void latencyRunsFromTheIntendedTimeNotTheActualSend() {
        long intended = 5_000_000_000L;
        tracker.delivered(0, CHAT, 1, content(0, intended), intended + 250_000_000L);
        assertEquals(250_000, latency.snapshot().getValueAtPercentile(50), 250);
    }

    @Test
    void aChatCannotBeRegisteredTwiceOrWithUnknownConnections() {
        assertThrows(IllegalArgumentException.class, () -> tracker.registerChat(CHAT, List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> tracker.registerChat("chat-c", List.of(4)));
    }
}
