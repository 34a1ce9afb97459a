package dev.switchboard.receiver.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
        List<LoopRecipient> onA = recipients(loopA, 100);
        List<LoopRecipient> onB = recipients(loopB, 100);
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
        LoopRecipient recipient = new LoopRecipient("c1", loopA);

        for (int n = 0; n < 1000; n++) {
            EventLoopHandOff.Delivery delivery = handOff.delivery();
            delivery.add(recipient, EncodedFrame.ofText(Integer.toString(n)));
            delivery.send();
        }
        busy.countDown();

        await().atMost(5, TimeUnit.SECONDS).until(() -> recipient.count() == 1000);
        assertEquals(1, loopA.tasks.get(), "one task for the whole backlog");
        List<String> frames = recipient.frames();
        for (int n = 0; n < 1000; n++) {
            assertEquals(Integer.toString(n), frames.get(n));
        }
    }

    @Test
    void aConnectionOnTheRoutingThreadsOwnLoopIsWrittenAtOnceBehindWhatWasQueued() throws Exception {
        LoopRecipient local = new LoopRecipient("c1", nettyLoop);
        CompletableFuture<List<String>> seenWhenSendReturned = new CompletableFuture<>();

        nettyLoop.execute(() -> {
            for (int n = 0; n < 3; n++) {
                EventLoopHandOff.Delivery delivery = handOff.delivery();
                delivery.add(local, EncodedFrame.ofText(Integer.toString(n)));
                delivery.send();
            }
            seenWhenSendReturned.complete(local.frames());
        });

        assertEquals(List.of("0", "1", "2"), seenWhenSendReturned.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRecipientThatThrowsCostsOnlyItsOwnFrame() {
        LoopRecipient broken = new LoopRecipient("c1", loopA).broken();
        LoopRecipient fine = new LoopRecipient("c2", loopA);

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

        assertEquals(1, anywhere.frames.size(), "written before send()");
    }

    private static List<LoopRecipient> recipients(Executor loop, int count) {
        List<LoopRecipient> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recipients.add(new LoopRecipient("c" + i, loop));
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

    /** Records each frame and the thread that wrote it. */
    private static final class LoopRecipient implements Recipient {
        private final String connectionId;
        private final Executor loop;
        private final List<String> frames = new ArrayList<>();
        private final List<String> threads = new ArrayList<>();
        private boolean broken;

        LoopRecipient(String connectionId, Executor loop) {
            this.connectionId = connectionId;
            this.loop = loop;
        }

        LoopRecipient broken() {
            broken = true;
            return this;
        }

        @Override
        public String connectionId() {
            return connectionId;
        }

        @Override
        public String userId() {
            return "user-" + connectionId;
        }

        @Override
        public Executor eventLoop() {
            return loop;
        }

        @Override
        public synchronized void send(EncodedFrame frame) {
            if (broken) {
                throw new IllegalStateException("socket is gone");
            }
            frames.add(frame.text());
            threads.add(Thread.currentThread().getName());
        }

        synchronized int count() {
            return frames.size();
        }

        synchronized List<String> frames() {
            return List.copyOf(frames);
        }

        synchronized List<String> threads() {
            return List.copyOf(threads);
        }

        @Override
        public CompletionStage<Void> close(int code, String reason) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
