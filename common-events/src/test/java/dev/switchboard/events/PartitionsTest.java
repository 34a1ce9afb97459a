package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionsTest {

    @Test
    void slotsAreTheOnesRedisComputes() {
        // Values from CLUSTER KEYSLOT of Redis 7.0.
        assertEquals(12182, HashSlots.slot("foo"));
        assertEquals(12739, HashSlots.slot("123456789"));
        assertEquals(11819, HashSlots.slot("{p1}"));
        assertEquals(3300, HashSlots.slot("a{b}c"));
        assertEquals(13694, HashSlots.slot("a{}b"));
        assertEquals(3443, HashSlots.slot("{user1000}.following"));
    }

    @Test
    void aChatsPartitionIsTheCrc32OfItsIdModuloTheCount() {
        // The same figures as Python's zlib.crc32(uuid.UUID(id).bytes) % count: the documented definition.
        Partitions sixtyFour = new Partitions(64);
        assertEquals(24, sixtyFour.of(UUID.fromString("0190f3a4-5b6c-7d8e-9f00-112233445566")));
        assertEquals(21, sixtyFour.of(new UUID(0, 0)));
        assertEquals(26, sixtyFour.of(new UUID(-1, -1)));
        assertEquals(5, new Partitions(7).of(UUID.fromString("0190f3a4-5b6c-7d8e-9f00-112233445566")));
    }

    @Test
    void chatsSpreadOverPartitions() {
        Partitions partitions = new Partitions(64);
        int[] chats = new int[64];
        for (int i = 0; i < 64_000; i++) {
            chats[partitions.of(TimeOrderedIds.next())]++;
        }
        // 1,000 expected per partition; a fair hash stays well within a quarter of that.
        assertTrue(Arrays.stream(chats).min().orElseThrow() > 750, Arrays.toString(chats));
        assertTrue(Arrays.stream(chats).max().orElseThrow() < 1250, Arrays.toString(chats));
    }

    @Test
    void theTagTableIsPinned() {
        // docs/events.md quotes these; a change here renames every channel of every deployment.
        Partitions partitions = new Partitions(64);
        assertEquals("p0.3a", partitions.tag(0));
        assertEquals(233, partitions.slot(0));
        assertEquals("p1.1h", partitions.tag(1));
        assertEquals("p63.19", partitions.tag(63));
        assertEquals(16347, partitions.slot(63));
    }

    @Test
    void eachPartitionsTagFallsInItsShareOfTheSlots() {
        Partitions partitions = new Partitions(64);
        for (int p = 0; p < 64; p++) {
            int slot = partitions.slot(p);
            assertTrue(slot >= p * 256 && slot < (p + 1) * 256, "partition " + p + " in slot " + slot);
            assertTrue(partitions.tag(p).startsWith("p" + p + "."), partitions.tag(p));
        }
    }

    /** The spread docs/scaling.md reports: partitions per master of a cluster made by redis-cli --cluster create. */
    @ParameterizedTest
    @ValueSource(ints = {3, 6, 12})
    void partitionsSpreadEvenlyOverTheMastersOfACluster(int masters) {
        Partitions partitions = new Partitions(64);
        int[] perMaster = new int[masters];
        int[] lastSlot = redisCliSlotRanges(masters);
        for (int p = 0; p < 64; p++) {
            int slot = partitions.slot(p);
            int master = 0;
            while (slot > lastSlot[master]) {
                master++;
            }
            perMaster[master]++;
        }
        int most = Arrays.stream(perMaster).max().orElseThrow();
        int fewest = Arrays.stream(perMaster).min().orElseThrow();
        System.out.printf(
                "64 partitions over %d masters: %s (largest %d, smallest %d)%n",
                masters, Arrays.toString(perMaster), most, fewest);
        assertTrue(most - fewest <= 1, Arrays.toString(perMaster));
    }

    @Test
    void jumpHashSpreadsPartitionsAndAddingANodeMovesOnlyWhatGoesToIt() {
        assertEquals(0, JumpHash.bucket(0, 1));
        assertEquals(0, JumpHash.bucket(0, 3));
        int[] counts = new int[3];
        for (int p = 0; p < 64; p++) {
            counts[JumpHash.bucket(p, 3)]++;
        }
        assertTrue(Arrays.stream(counts).min().orElseThrow() >= 14, Arrays.toString(counts));
        // Adding a node moves only what goes to the new one.
        for (int p = 0; p < 64; p++) {
            int before = JumpHash.bucket(p, 3);
            int after = JumpHash.bucket(p, 4);
            assertTrue(after == before || after == 3, "partition " + p + " moved from " + before + " to " + after);
        }
    }

    @Test
    void countsOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Partitions(0));
        assertThrows(IllegalArgumentException.class, () -> new Partitions(Partitions.MAX_COUNT + 1));
        assertThrows(IllegalArgumentException.class, () -> new Partitions(4).tag(4));
    }

    @Test
    void theLargestCountFindsItsTags() {
        Partitions partitions = new Partitions(Partitions.MAX_COUNT);
        int share = HashSlots.SLOTS / Partitions.MAX_COUNT;
        for (int p = 0; p < Partitions.MAX_COUNT; p++) {
            int slot = partitions.slot(p);
            assertTrue(slot >= p * share && slot < (p + 1) * share, "partition " + p + " in slot " + slot);
        }
    }

    /** The last slot of each master, as redis-cli's cluster create assigns them (its rounding included). */
    private static int[] redisCliSlotRanges(int masters) {
        int[] last = new int[masters];
        double perNode = (double) HashSlots.SLOTS / masters;
        double cursor = 0;
        int first = 0;
        for (int i = 0; i < masters; i++) {
            int end = (int) Math.round(cursor + perNode - 1);
            if (end > HashSlots.SLOTS || i == masters - 1) {
                end = HashSlots.SLOTS - 1;
            }
            end = Math.max(end, first);
            last[i] = end;
            first = end + 1;
            cursor += perNode;
        }
        return last;
    }
}
