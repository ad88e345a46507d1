package dev.depot.storage.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the keyspace tests: keys, values, sizes and one-line operations. */
final class KeyspaceFixtures {
    static final long UNLIMITED = Long.MAX_VALUE;

    private KeyspaceFixtures() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] value(int length, char fill) {
        return b(String.valueOf(fill).repeat(length));
    }

    /**
     * What a string entry costs, computed independently of EntrySize: a 48-byte Entry, a 6-byte
     * table slot, and one array holding the varint key length, the key and the value, with a
     * 16-byte array header, rounded up to 8.
     */
    static long stringEntrySize(int keyLength, int valueLength) {
        int varint = keyLength < 128 ? 1 : keyLength < 16384 ? 2 : 3;
        long array = 16L + varint + keyLength + valueLength;
        return 48 + 6 + ((array + 7) / 8) * 8;
    }

    static int shardOf(byte[] key) {
        return Keyspace.hash(key) >>> 24;
    }

    /** {@code n} keys "prefix00000"... that all land in {@code shard}. */
    static List<byte[]> keysInShard(int shard, int n, String prefix) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; keys.size() < n; i++) {
            byte[] key = b(prefix + String.format("%05d", i));
            if (shardOf(key) == shard) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** {@code n} keys "prefix00000"... each in a different shard. */
    static List<byte[]> keysInDistinctShards(int n, String prefix) {
        boolean[] used = new boolean[256];
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; keys.size() < n; i++) {
            byte[] key = b(prefix + String.format("%05d", i));
            if (!used[shardOf(key)]) {
                used[shardOf(key)] = true;
                keys.add(key);
            }
        }
        return keys;
    }

    static void put(Keyspace ks, byte[] key, byte[] value) {
        put(ks, key, value, 0);
    }

    static void put(Keyspace ks, byte[] key, byte[] value, long expiresAt) {
        ks.execute(key, slot -> {
            slot.put(value, 0, expiresAt);
            return null;
        });
    }

    static void put(Keyspace ks, String key, String value) {
        put(ks, b(key), b(value));
    }

    /** The value, or null when absent. Does not count as a read (no markFetched). */
    static byte[] peek(Keyspace ks, byte[] key) {
        return ks.execute(key, Slot::bytes);
    }

    static String peek(Keyspace ks, String key) {
        return s(peek(ks, b(key)));
    }

    /** A client read: the value, and the entry becomes most recently used and fetched. */
    static byte[] read(Keyspace ks, byte[] key) {
        return ks.execute(key, slot -> {
            if (!slot.exists()) {
                return null;
            }
            slot.markFetched();
            return slot.bytes();
        });
    }

    static boolean exists(Keyspace ks, byte[] key) {
        return ks.execute(key, Slot::exists);
    }

    static boolean delete(Keyspace ks, byte[] key) {
        return ks.execute(key, slot -> {
            if (!slot.exists()) {
                return false;
            }
            slot.delete();
            return true;
        });
    }

    static long cas(Keyspace ks, byte[] key) {
        return ks.execute(key, Slot::cas);
    }
}
