package dev.depot.storage.keyspace;

/**
 * The key hash: both the shard (high bits) and the bucket (low bits) come from it, so it is the
 * 31-polynomial finished with murmur3's mixer to spread short, similar keys.
 */
final class KeyHash {
    private KeyHash() {
    }

    static int of(byte[] data, int from, int length) {
        int h = 1;
        for (int i = from, end = from + length; i < end; i++) {
            h = 31 * h + data[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
