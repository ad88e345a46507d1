package dev.depot.storage.keyspace;

/**
 * One key and its value, linked into its shard's hash chain and LRU list. Fields are primitive
 * and package-private on purpose: a million of these live on the heap, so every word counts
 * (64 bytes with compressed oops, see {@link EntrySize}).
 */
final class Entry {
    static final byte FETCHED = 1;
    static final byte STALE = 2;
    static final byte WIN_SENT = 4;

    final byte[] key;
    final int hash;
    /** A {@code byte[]} for strings, the only type the memcached protocol sees. */
    Object value;
    int flags;
    long cas;
    /** Absolute expiry in epoch milliseconds; 0 means never. */
    long expiresAt;
    /** Seconds since the keyspace started, at the last read or write. */
    int lastAccess;
    byte bits;

    Entry chainNext;
    Entry lruPrev;
    Entry lruNext;

    Entry(byte[] key, int hash) {
        this.key = key;
        this.hash = hash;
    }

    boolean has(byte bit) {
        return (bits & bit) != 0;
    }

    void set(byte bit, boolean on) {
        bits = (byte) (on ? bits | bit : bits & ~bit);
    }

    boolean expiredAt(long nowMillis) {
        return expiresAt != 0 && expiresAt <= nowMillis;
    }

    long size() {
        return EntrySize.of(key, value);
    }
}
