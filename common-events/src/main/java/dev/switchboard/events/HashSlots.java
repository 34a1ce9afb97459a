package dev.switchboard.events;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key-to-slot function (CRC16/XMODEM of the key, or of its hash tag, modulo 16384), as the cluster
 * specification defines it. Partition tags are chosen with it, so that a deployment's partitions spread evenly over
 * the masters of a cluster; a test checks it against the values {@code CLUSTER KEYSLOT} gives.
 */
public final class HashSlots {

    public static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private HashSlots() {}

    /** The slot of a key or channel name, hash tags honoured ({@code a{b}c} hashes {@code b}). */
    public static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        int to = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                from = open + 1;
                to = close;
            }
        }
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc % SLOTS;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
