package dev.switchboard.receiver.testing;

import dev.switchboard.receiver.delivery.EncodedFrame;
import dev.switchboard.receiver.delivery.Recipient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * A {@link Recipient} without a socket for the routing and hand-off tests: records each frame and the thread that
 * wrote it, and each close; can own an event loop, break like a dead socket, or answer closes as a test wants.
 */
public final class FakeRecipient implements Recipient {

    private final String connectionId;
    private final String userId;
    private final List<EncodedFrame> frames = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final List<Integer> closeCodes = new ArrayList<>();
    private Executor loop;
    private boolean broken;
    private IntFunction<CompletionStage<Void>> onClose = code -> CompletableFuture.completedFuture(null);

    public FakeRecipient(String connectionId, String userId) {
        this.connectionId = connectionId;
        this.userId = userId;
    }

    /** Its writes belong to this event loop. */
    public FakeRecipient onLoop(Executor eventLoop) {
        this.loop = eventLoop;
        return this;
    }

    /** Every write throws, like a socket that is gone. */
    public FakeRecipient broken() {
        this.broken = true;
        return this;
    }

    /** What a close answers (and whatever the test wants to happen when it is called). */
    public FakeRecipient onClose(IntFunction<CompletionStage<Void>> answer) {
        this.onClose = answer;
        return this;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String userId() {
        return userId;
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
        frames.add(frame);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        synchronized (this) {
            closeCodes.add(code);
        }
        return onClose.apply(code);
    }

    public synchronized List<EncodedFrame> frames() {
        return List.copyOf(frames);
    }

    /** The frames as text, in write order. */
    public synchronized List<String> texts() {
        return frames.stream().map(EncodedFrame::text).toList();
    }

    public synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    public synchronized int count() {
        return frames.size();
    }

    /** The code of the last close, or null. */
    public synchronized Integer closedWith() {
        return closeCodes.isEmpty() ? null : closeCodes.getLast();
    }

    public synchronized List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }
}
