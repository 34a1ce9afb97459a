package dev.switchboard.sender.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which partitions a relay should hold, given the live relays: every relay computes the same answer from the same
 * member list, without talking to the others. Rendezvous hashing with a bound: each partition goes to the relay that
 * ranks it highest among those not yet holding {@code ceil(P / members)}; so every relay holds a fair share (at most
 * one more than another), and a relay that joins or leaves moves few partitions besides its own share.
 */
final class PartitionAssignment {

    private PartitionAssignment() {}

    static Set<Integer> of(int partitions, List<Integer> members, int self) {
        TreeSet<Integer> live = new TreeSet<>(members);
        live.add(self);
        List<Integer> sorted = new ArrayList<>(live);
        int cap = (partitions + sorted.size() - 1) / sorted.size();
        int[] load = new int[sorted.size()];
        Set<Integer> mine = new TreeSet<>();
        for (int partition = 0; partition < partitions; partition++) {
            int chosen = -1;
            long best = 0;
            for (int i = 0; i < sorted.size(); i++) {
                if (load[i] >= cap) {
                    continue;
                }
                long weight = weight(partition, sorted.get(i));
                if (chosen < 0 || Long.compareUnsigned(weight, best) > 0) {
                    chosen = i;
                    best = weight;
                }
            }
            load[chosen]++;
            if (sorted.get(chosen) == self) {
                mine.add(partition);
            }
        }
        return mine;
    }

    /** SplitMix64's finaliser over (member, partition): a well-spread, stable ranking. */
    static long weight(int partition, int member) {
        long z = ((long) member << 32) ^ (partition & 0xFFFFFFFFL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
