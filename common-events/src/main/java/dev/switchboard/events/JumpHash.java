package dev.switchboard.events;

/**
 * Jump consistent hash (Lamping and Veach, 2014), as Centrifugo uses it to spread channels over independent Redis
 * nodes: partition → node index for a list of nodes. Senders and receivers compute it alike, so they meet on the
 * same node. Adding a node at the end moves only the partitions that go to it (about 1/n of them).
 */
public final class JumpHash {

    private JumpHash() {}

    /** @return the bucket of {@code key}, in [0, buckets) */
    public static int bucket(long key, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, was " + buckets);
        }
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }
}
