package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendSchedulerTest {

    /** Records what it is given; answers at once or never. */
    private static final class RecordingSink implements SendScheduler.Sink {
        final List<Long> sentIntended = Collections.synchronizedList(new ArrayList<>());
        final List<Long> skippedIntended = Collections.synchronizedList(new ArrayList<>());
        final boolean answers;

        RecordingSink(boolean answers) {
            this.answers = answers;
        }

        @Override
        public void send(long n, long intendedNanos, Runnable done) {
            sentIntended.add(intendedNanos);
            if (answers) {
                done.run();
                done.run(); // a second call must not free a second slot
            }
        }

        @Override
        public void skipped(long n, long intendedNanos) {
            skippedIntended.add(intendedNanos);
        }
    }

    @Test
    void sendsExactlyTheScheduledNumberAtTheScheduledTimes() {
        RecordingSink sink = new RecordingSink(true);
        SendScheduler scheduler = new SendScheduler(2000, 10, sink);
        long start = System.nanoTime();
        scheduler.run(start, start + TimeUnit.MILLISECONDS.toNanos(250));

        assertEquals(500, scheduler.due());
        assertEquals(500, scheduler.sent());
        assertEquals(0, scheduler.skipped());
        assertEquals(0, scheduler.inFlight());
        for (int n = 0; n < 500; n++) {
            assertEquals(start + n * 500_000L, sink.sentIntended.get(n), "message " + n + " keeps its slot");
        }
    }

    @Test
    void whenTheBoundIsReachedDueMessagesAreSkippedNotDelayed() {
        RecordingSink sink = new RecordingSink(false); // nothing is ever answered
        SendScheduler scheduler = new SendScheduler(1000, 5, sink);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(200);
        scheduler.run(start, end);
        long overran = System.nanoTime() - end;

        assertEquals(200, scheduler.due());
        assertEquals(5, scheduler.sent());
        assertEquals(195, scheduler.skipped());
        assertEquals(5, scheduler.inFlight());
        assertTrue(overran < TimeUnit.MILLISECONDS.toNanos(100), "the schedule did not wait for answers");
        assertEquals(start + 5_000_000L, sink.skippedIntended.get(0), "the first skip is message 5 at its own time");
    }

    @Test
    void aLateStartCatchesUpWithEveryMessageStampedWithItsOwnIntendedTime() {
        RecordingSink sink = new RecordingSink(true);
        SendScheduler scheduler = new SendScheduler(1000, 1000, sink);
        long start = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(50); // as if the thread woke 50 ms late
        scheduler.run(start, start + TimeUnit.MILLISECONDS.toNanos(60));
        assertEquals(60, scheduler.sent());
        assertEquals(start, sink.sentIntended.getFirst());
        assertEquals(start + 49_000_000L, sink.sentIntended.get(49));
    }

    @Test
    void stopEndsTheScheduleEarly() throws InterruptedException {
        SendScheduler scheduler = new SendScheduler(10, 10, new RecordingSink(true));
        long start = System.nanoTime();
        Thread runner = Thread.ofPlatform().start(() -> scheduler.run(start, start + TimeUnit.SECONDS.toNanos(60)));
        Thread.sleep(150);
        scheduler.stop();
        runner.join(2000);
        assertTrue(!runner.isAlive());
        assertTrue(scheduler.due() >= 1 && scheduler.due() <= 3, "due " + scheduler.due());
    }

    @Test
    void rateAndBoundMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SendScheduler(0, 1, new RecordingSink(true)));
        assertThrows(IllegalArgumentException.class, () -> new SendScheduler(1, 0, new RecordingSink(true)));
    }
}
