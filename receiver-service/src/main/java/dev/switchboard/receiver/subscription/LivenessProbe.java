package dev.switchboard.receiver.subscription;

/**
 * Decides, for one subscribed connection, when a liveness check (SUBSCRIBE again, expect every channel confirmed)
 * is needed and whether an unconfirmed one means the subscription is lost.
 * <p>
 * Under load the subscriber lags: the confirmation of a check is queued behind thousands of pushed messages still
 * to be read and routed, and a fixed timeout would declare a working subscription lost, reconnect, drop whatever
 * Redis had buffered for it and make every client resync, which adds load to a receiver already behind. So pushed
 * messages count as proof of life: they arrive only on a connection that is alive and subscribed. A check is sent
 * only after a quiet interval, and an unconfirmed check that sees messages still arriving keeps waiting, up to the
 * busy limit, because its answer is on the way behind them. Only silence, or the busy limit, means loss.
 * <p>
 * Confined to the subscriber's event loop, like the rest of its state.
 */
final class LivenessProbe {

    private final long busyLimitNanos;
    private long messages;
    private long messagesAtLastLook;
    private long checkStartedNanos;

    /** @param busyLimitNanos longest wait for a check's confirmation while messages keep arriving */
    LivenessProbe(long busyLimitNanos) {
        this.busyLimitNanos = busyLimitNanos;
    }

    void messageReceived() {
        messages++;
    }

    /** At each check interval: false when messages arrived since the last look (they prove the subscription). */
    boolean checkNeeded() {
        return !sawMessagesSinceLastLook();
    }

    void checkStarted(long nowNanos) {
        checkStartedNanos = nowNanos;
        messagesAtLastLook = messages;
    }

    /** The check timeout passed unconfirmed: wait one more timeout only while messages are still coming in. */
    boolean keepWaiting(long nowNanos) {
        return sawMessagesSinceLastLook() && nowNanos - checkStartedNanos < busyLimitNanos;
    }

    private boolean sawMessagesSinceLastLook() {
        boolean saw = messages != messagesAtLastLook;
        messagesAtLastLook = messages;
        return saw;
    }
}
