package dev.switchboard.receiver.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.receiver.testing.FakeRecipient;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopHandOffTest {

    private final EventLoopHandOff handOff = new EventLoopHandOff();
    private final ExecutorService threadA = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-a"));
    private final ExecutorService threadB = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-b"));
    private final CountingLoop loopA = new CountingLoop(threadA);
    private final CountingLoop loopB = new CountingLoop(threadB);
    private final EventLoop nettyLoop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        threadA.shutdownNow();
        threadB.shutdownNow();
        nettyLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void eachLoopGetsOneTaskPerEventAndWritesOnItsOwnThread() {
        List<FakeRecipient> onA = recipients(loopA, 100);
        List<FakeRecipient> onB = recipients(loopB, 100);
        EncodedFrame frame = EncodedFrame.ofText("{\"n\":1}");

        EventLoopHandOff.Delivery delivery = handOff.delivery();
        for (int i = 0; i < 100; i++) {
            delivery.add(onA.get(i), frame);
            delivery.add(onB.get(i), frame);
        }
        delivery.send();

        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> onB.getLast().count() == 1 && onA.getLast().count() == 1);
        assertEquals(1, loopA.tasks.get());
        assertEquals(1, loopB.tasks.get());
        onA.forEach(r -> assertEquals(List.of("loop-a"), r.threads()));
        onB.forEach(r -> assertEquals(List.of("loop-b"), r.threads()));
    }

    @Test
    void eventsThatArriveWhileTheLoopIsBusyAreWrittenInOneTaskInOrder() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        threadA.execute(() -> waitFor(busy));
        FakeRecipient recipient = new FakeRecipient("c1", "user-c1").onLoop(loopA);

        for (int n = 0; n < 1000; n++) {
            EventLoopHandOff.Delivery delivery = handOff.delivery();
            delivery.add(recipient, EncodedFrame.ofText(Integer.toString(n)));
            delivery.send();
        }
        busy.countDown();

        await().atMost(5, TimeUnit.SECONDS).until(() -> recipient.count() == 1000);
        assertEquals(1, loopA.tasks.get(), "one task for the whole backlog");
        List<String> frames = recipient.texts();
        for (int n = 0; n < 1000; n++) {
            assertEquals(Integer.toString(n), frames.get(n));
        }
    }

    @Test
    void aConnectionOnTheRoutingThreadsOwnLoopIsWrittenAtOnceBehindWhatWasQueued() throws Exception {
        FakeRecipient local = new FakeRecipient("c1", "user-c1").onLoop(nettyLoop);
        CompletableFuture<List<String>> seenWhenSendReturned = new CompletableFuture<>();

        nettyLoop.execute(() -> {
            for (int n = 0; n < 3; n++) {
                EventLoopHandOff.Delivery delivery = handOff.delivery();
                delivery.add(local, EncodedFrame.ofText(Integer.toString(n)));
                delivery.send();
            }
            seenWhenSendReturned.complete(local.texts());
        });

        assertEquals(List.of("0", "1", "2"), seenWhenSendReturned.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRecipientThatThrowsCostsOnlyItsOwnFrame() {
        FakeRecipient broken = new FakeRecipient("c1", "user-c1").onLoop(loopA).broken();
        FakeRecipient fine = new FakeRecipient("c2", "user-c2").onLoop(loopA);

        EventLoopHandOff.Delivery delivery = handOff.delivery();
        delivery.add(broken, EncodedFrame.ofText("x"));
        delivery.add(fine, EncodedFrame.ofText("x"));
        delivery.send();

        await().atMost(5, TimeUnit.SECONDS).until(() -> fine.count() == 1);
        assertEquals(1, handOff.failedWrites());
    }

    @Test
    void aRecipientWithoutALoopIsWrittenOnTheCallingThread() {
        FakeRecipient anywhere = new FakeRecipient("c1", "alice");

        EventLoopHandOff.Delivery delivery = handOff.delivery();
        assertTrue(delivery.add(anywhere, EncodedFrame.ofText("x")));

        assertEquals(1, anywhere.frames().size(), "written before send()");
    }

    private static List<FakeRecipient> recipients(Executor loop, int count) {
        List<FakeRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recipients.add(new FakeRecipient("c" + i, "user-" + "c" + i).onLoop(loop));
        }
        return recipients;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An executor that counts the tasks it is given. */
    private record CountingLoop(Executor delegate, AtomicInteger tasks) implements Executor {
        CountingLoop(Executor delegate) {
            this(delegate, new AtomicInteger());
        }

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            delegate.execute(task);
        }
    }
}
