package dev.switchboard.events;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The fixed partitioning of a deployment: {@code count} partitions (the same on every instance), a chat's partition a
 * stable hash of its id, and each partition's Redis Cluster hash tag. Every event of a chat travels in its chat's
 * partition (channels, relay, subscription), so the per-chat order of one partition is the per-chat order of the whole.
 * <p>
 * The partition of a chat is the CRC-32 (IEEE, as zlib computes it) of the id's 16 bytes in network order, modulo the
 * count: simple to repeat in any language, and independent of this code's version.
 * <p>
 * The tag of partition {@code p} is {@code p<p>.<suffix>}, with the first base-36 suffix whose hash slot falls in the
 * p-th of {@code count} equal ranges of the 16,384 slots. A cluster created with {@code redis-cli --cluster create}
 * gives each master one contiguous range of slots, so the partitions spread over masters as evenly as the ranges allow
 * (docs/scaling.md lists the spread), and no two partitions share a slot.
 */
public final class Partitions {

    public static final int DEFAULT_COUNT = 64;
    /** Enough for any deployment Redis pub/sub serves; each partition costs a receiver one channel per event type. */
    public static final int MAX_COUNT = 4096;

    private final int count;
    private final String[] tags;

    public Partitions(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("partition count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        this.count = count;
        this.tags = new String[count];
        for (int p = 0; p < count; p++) {
            tags[p] = findTag(p, count);
        }
    }

    public int count() {
        return count;
    }

    /** The chat's partition, in [0, count). */
    public int of(UUID chatId) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(16)
                .putLong(chatId.getMostSignificantBits())
                .putLong(chatId.getLeastSignificantBits())
                .array());
        return (int) (crc.getValue() % count);
    }

    /** A user's partition (presence), in [0, count): the CRC-32 of the id's UTF-8 bytes. */
    public int ofUser(String userId) {
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The partition's hash tag, without braces. */
    public String tag(int partition) {
        return tags[checked(partition)];
    }

    /** The hash slot every channel and key of the partition maps to. */
    public int slot(int partition) {
        return HashSlots.slot("{" + tag(partition) + "}");
    }

    int checked(int partition) {
        if (partition < 0 || partition >= count) {
            throw new IllegalArgumentException("no partition " + partition + " among " + count);
        }
        return partition;
    }

    private static String findTag(int partition, int count) {
        long from = (long) partition * HashSlots.SLOTS / count;
        long to = (long) (partition + 1) * HashSlots.SLOTS / count;
        String prefix = "p" + partition + ".";
        for (long suffix = 0; ; suffix++) {
            String tag = prefix + Long.toString(suffix, 36);
            int slot = HashSlots.slot(tag);
            if (slot >= from && slot < to) {
                return tag;
            }
        }
    }
}
