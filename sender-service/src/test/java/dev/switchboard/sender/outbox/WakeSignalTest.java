package dev.switchboard.sender.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WakeSignalTest {

    @Test
    void aSignalGivenBeforeTheWaitIsNotLost() throws InterruptedException {
        WakeSignal wake = new WakeSignal();
        wake.signal();

        WakeSignal.Wake woken = wake.await(Duration.ofSeconds(5));
        assertTrue(woken.signalled());
        assertTrue(woken.isEverything());
    }

    @Test
    void manySignalsCollapseIntoOneWakeUpNamingEveryPartitionSignalled() throws InterruptedException {
        WakeSignal wake = new WakeSignal();
        wake.signal("3");
        wake.signal("5,3");
        wake.signal("9");

        WakeSignal.Wake woken = wake.await(Duration.ofSeconds(5));
        assertTrue(woken.signalled());
        assertTrue(woken.includes(3) && woken.includes(5) && woken.includes(9));
        assertFalse(woken.includes(4));
        assertFalse(wake.await(Duration.ofMillis(1)).signalled());
    }

    @Test
    void aTimeoutOrASignalWithoutPartitionsMeansLookEverywhere() throws InterruptedException {
        WakeSignal wake = new WakeSignal();
        assertTrue(wake.await(Duration.ofMillis(1)).isEverything());
        wake.signal("7");
        wake.signal("");
        assertTrue(wake.await(Duration.ofSeconds(5)).isEverything());
        wake.signal("not-a-number");
        assertTrue(wake.await(Duration.ofSeconds(5)).includes(42));
    }

    @Test
    void lingeringCollectsTheCommitsThatArriveMeanwhileIntoTheSameRound() throws Exception {
        WakeSignal wake = new WakeSignal();
        wake.signal("3");
        WakeSignal.Wake first = wake.await(Duration.ofSeconds(5));
        Thread committer = Thread.ofVirtual().start(() -> wake.signal("8"));
        committer.join();

        WakeSignal.Wake round = first.and(wake.collect(Duration.ofMillis(5)));

        assertTrue(round.signalled());
        assertTrue(round.includes(3) && round.includes(8));
        assertFalse(round.includes(4));
        assertFalse(wake.await(Duration.ofMillis(1)).signalled(), "nothing left for the next round");
        assertTrue(first.and(new WakeSignal.Wake(true, null)).isEverything());
        assertFalse(first.and(wake.collect(Duration.ofMillis(1))).includes(8), "a quiet linger adds nothing");
    }

    @Test
    void aPartitionSignalledWhileBackingOffIsReadOnceItMayBe() {
        HeldPartition held = new HeldPartition(4, 1, Duration.ofMillis(100), Duration.ofSeconds(1));
        long now = 0;
        WakeSignal.Wake other = new WakeSignal.Wake(true, java.util.BitSet.valueOf(new long[] {1L << 6}));
        assertTrue(held.wanted(WakeSignal.Wake.everything(), now), "a new hold is read at once");
        assertFalse(held.wanted(other, now), "news of another partition");

        held.failed(now);
        assertFalse(held.wanted(WakeSignal.Wake.everything(), now), "backing off");
        long later = now + Duration.ofMillis(150).toNanos();
        assertTrue(held.wanted(other, later), "its rows wait: read when the backoff ends, whatever the wake-up names");
        assertFalse(held.wanted(other, later), "and only once");
    }
}
