package dev.switchboard.loadgen;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accounts for every {@code messageAdded} at every member connection. Identity of a message is its chat and its
 * per-chat {@code seq} (the contract's gapless numbering, and what clients de-duplicate by): each
 * (connection, chat) keeps the set of seqs it received and the last one, which is all it takes to count
 * duplicates and out-of-order arrivals as they happen; loss is only known at the end, as the acknowledged seqs of
 * a chat that a member connection never received.
 *
 * <p>Latency is recorded once per first delivery, from the message's intended send time (carried in its content),
 * only for messages intended after the warm-up.
 *
 * <p>Threads: deliveries come from the fleet's event loops, acknowledgements from the HTTP client's, and
 * {@link #counts()} from the main thread; each ledger guards its own state, so contention is per connection.
 */
public final class DeliveryTracker {

    private final String runId;
    private final int connections;
    private final LatencyHistogram latency;
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private final Map<String, ChatLedger> chats = new ConcurrentHashMap<>();
    private final LongAdder firstDeliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    public DeliveryTracker(String runId, int connections, LatencyHistogram latency) {
        this.runId = runId;
        this.connections = connections;
        this.latency = latency;
    }

    /** Messages intended at or after this {@code System.nanoTime()} are timed; earlier ones are warm-up. */
    public void measureFrom(long nanos) {
        this.measureFromNanos = nanos;
    }

    /** A chat of this run and the connections of its members. */
    public void registerChat(String chatId, List<Integer> memberConnections) {
        ChatLedger ledger = new ChatLedger(memberConnections.size());
        for (int i = 0; i < memberConnections.size(); i++) {
            int connection = memberConnections.get(i);
            if (connection < 0 || connection >= connections) {
                throw new IllegalArgumentException("no connection " + connection);
            }
            ledger.receipts.put(connection, new Receipts());
        }
        if (chats.putIfAbsent(chatId, ledger) != null) {
            throw new IllegalArgumentException("chat registered twice: " + chatId);
        }
    }

    /** A send answered 2xx with this seq: every member connection should now receive it. */
    public void acknowledged(String chatId, long seq) {
        ChatLedger ledger = chats.get(chatId);
        if (ledger != null) {
            synchronized (ledger.acknowledged) {
                ledger.acknowledged.set(Math.toIntExact(seq));
            }
        }
    }

    /** A {@code messageAdded} arrived at {@code connection} at {@code receivedNanos}. */
    public void delivered(int connection, String chatId, long seq, String content, long receivedNanos) {
        MessageContent message = MessageContent.decode(content).orElse(null);
        ChatLedger ledger = chats.get(chatId);
        Receipts receipts = ledger == null ? null : ledger.receipts.get(connection);
        if (message == null || !message.runId().equals(runId) || receipts == null || seq < 1) {
            foreign.increment();
            return;
        }
        switch (receipts.add(Math.toIntExact(seq))) {
            case DUPLICATE -> duplicates.increment();
            case OUT_OF_ORDER -> {
                outOfOrder.increment();
                firstDelivery(message, receivedNanos);
            }
            case IN_ORDER -> firstDelivery(message, receivedNanos);
        }
    }

    private void firstDelivery(MessageContent message, long receivedNanos) {
        firstDeliveries.increment();
        if (message.intendedNanos() - measureFromNanos >= 0) {
            latency.recordSpan(message.intendedNanos(), receivedNanos);
        }
    }

    /** Distinct deliveries so far, for the progress line (cheap, unlike {@link #counts()}). */
    public long deliveredSoFar() {
        return firstDeliveries.sum();
    }

    /** The full accounting; walks every (connection, chat) pair, so call it at the end or a few times a second. */
    public DeliveryCounts counts() {
        long expected = 0;
        long delivered = 0;
        long lost = 0;
        long unacknowledged = 0;
        for (ChatLedger ledger : chats.values()) {
            BitSet acknowledged;
            synchronized (ledger.acknowledged) {
                acknowledged = (BitSet) ledger.acknowledged.clone();
            }
            int acked = acknowledged.cardinality();
            expected += (long) acked * ledger.receipts.size();
            for (Receipts receipts : ledger.receipts.values()) {
                synchronized (receipts) {
                    delivered += receipts.seqs.cardinality();
                    BitSet missing = (BitSet) acknowledged.clone();
                    missing.andNot(receipts.seqs);
                    lost += missing.cardinality();
                    BitSet extra = (BitSet) receipts.seqs.clone();
                    extra.andNot(acknowledged);
                    unacknowledged += extra.cardinality();
                }
            }
        }
        return new DeliveryCounts(
                expected, delivered, lost, duplicates.sum(), outOfOrder.sum(), unacknowledged, foreign.sum());
    }

    private static final class ChatLedger {
        final BitSet acknowledged = new BitSet();
        final Map<Integer, Receipts> receipts;

        ChatLedger(int members) {
            this.receipts = new ConcurrentHashMap<>(members * 2);
        }
    }

    enum Arrival {
        IN_ORDER,
        OUT_OF_ORDER,
        DUPLICATE
    }

    /** What one connection received in one chat. */
    private static final class Receipts {
        final BitSet seqs = new BitSet();
        int lastSeq;

        synchronized Arrival add(int seq) {
            if (seqs.get(seq)) {
                return Arrival.DUPLICATE;
            }
            seqs.set(seq);
            if (seq < lastSeq) {
                return Arrival.OUT_OF_ORDER;
            }
            lastSeq = seq;
            return Arrival.IN_ORDER;
        }
    }
}
