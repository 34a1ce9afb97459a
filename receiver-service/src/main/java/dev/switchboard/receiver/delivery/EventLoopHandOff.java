package dev.switchboard.receiver.delivery;

import io.netty.util.concurrent.EventExecutor;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Carries frames from the routing thread to the event loops that own the recipients' sockets, one hand-over per
 * event loop per event instead of one per frame.
 * <p>
 * A socket write from a thread other than the socket's event loop becomes a task on that loop; with a
 * 1,000-member audience spread over a few loops that was a thousand tasks (and as many loop wake-ups) per event.
 * Here the router collects an event's frames per loop ({@link Delivery}) and each loop gets them as one batch in
 * its {@link Lane}: a queue drained by at most one scheduled task at a time, so several events that arrive while
 * the loop is busy are written in one go, and their flushes coalesce (see FlushCoalescing in the socket package).
 * <p>
 * Order: a connection's frames are written in the order the router handed them over, because every batch for a
 * loop goes through that loop's one FIFO queue, drained only on that loop. A batch for the routing thread's own
 * loop is drained at once, behind anything still queued for it.
 */
@Singleton
public class EventLoopHandOff {

    private static final Logger LOG = Logger.getLogger(EventLoopHandOff.class);

    private final Map<Executor, Lane> lanes = new ConcurrentHashMap<>();
    private final LongAdder failedWrites = new LongAdder();

    /** Starts collecting the frames of one event (or one broadcast); {@link Delivery#send()} hands them over. */
    public Delivery delivery() {
        return new Delivery();
    }

    /** Writes that threw, or that could not be handed to their event loop. */
    public long failedWrites() {
        return failedWrites.sum();
    }

    private boolean write(Recipient recipient, EncodedFrame frame) {
        try {
            recipient.send(frame);
            return true;
        } catch (RuntimeException e) {
            // Recipients should not throw; if one does, the others still get the frame.
            failedWrites.increment();
            LOG.debugf(e, "write to connection %s failed", recipient.connectionId());
            return false;
        }
    }

    /** One event's frames, grouped by event loop while the router walks the audience. Not thread-safe. */
    public final class Delivery {
        // An instance has a handful of event loops (2 per core by default): a linear search beats a map here.
        private Executor[] loops = new Executor[4];
        private Batch[] batches = new Batch[4];
        private int loopCount;

        private Delivery() {}

        /** @return false only when the frame was written at once (no event loop) and that write failed */
        public boolean add(Recipient recipient, EncodedFrame frame) {
            Executor loop = recipient.eventLoop();
            if (loop == null) {
                return write(recipient, frame);
            }
            batchFor(loop).add(recipient, frame);
            return true;
        }

        /** Hands every loop its batch; the writes happen on the loops, after this returns (or, for this loop, now). */
        public void send() {
            for (int i = 0; i < loopCount; i++) {
                lanes.computeIfAbsent(loops[i], Lane::new).submit(batches[i]);
            }
            loopCount = 0;
        }

        private Batch batchFor(Executor loop) {
            for (int i = 0; i < loopCount; i++) {
                if (loops[i] == loop) {
                    return batches[i];
                }
            }
            if (loopCount == loops.length) {
                loops = Arrays.copyOf(loops, loopCount * 2);
                batches = Arrays.copyOf(batches, loopCount * 2);
            }
            loops[loopCount] = loop;
            Batch batch = new Batch();
            batches[loopCount++] = batch;
            return batch;
        }
    }

    /** Frames for the connections of one loop, in routing order. */
    private final class Batch {
        private Recipient[] recipients = new Recipient[16];
        private EncodedFrame[] frames = new EncodedFrame[16];
        private int size;

        void add(Recipient recipient, EncodedFrame frame) {
            if (size == recipients.length) {
                recipients = Arrays.copyOf(recipients, size * 2);
                frames = Arrays.copyOf(frames, size * 2);
            }
            recipients[size] = recipient;
            frames[size++] = frame;
        }

        void writeAll() {
            for (int i = 0; i < size; i++) {
                write(recipients[i], frames[i]);
            }
        }
    }

    /** The batches waiting for one event loop, and whether a task to write them is already on its way. */
    private final class Lane implements Runnable {
        private final Executor loop;
        private final Queue<Batch> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(Executor loop) {
            this.loop = loop;
        }

        void submit(Batch batch) {
            queue.offer(batch);
            if (loop instanceof EventExecutor executor && executor.inEventLoop()) {
                run(); // already on the loop: no task, and no wait behind one
                return;
            }
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException e) {
                    // The loop is shutting down: its sockets are going away with it.
                    scheduled.set(false);
                    Batch dropped;
                    while ((dropped = queue.poll()) != null) {
                        failedWrites.add(dropped.size);
                    }
                    LOG.debugf("event loop rejected a batch: %s", e.toString());
                }
            }
        }

        /** On the loop. Cleared before draining: a batch offered after the last poll schedules a new run. */
        @Override
        public void run() {
            scheduled.set(false);
            Batch batch;
            while ((batch = queue.poll()) != null) {
                batch.writeAll();
            }
        }
    }
}
