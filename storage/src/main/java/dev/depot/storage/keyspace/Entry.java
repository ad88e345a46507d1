package dev.depot.storage.keyspace;

import java.util.Arrays;

/**
 * One key and its value, linked into its shard's hash chain. A million of these live on the
 * heap, so the layout is chosen for size (48 bytes with compressed oops, see {@link EntrySize}):
 * a string keeps key and value in ONE array, the hash is not stored (it is recomputed only when
 * a shard's table grows), and recency is one bit for the CLOCK hand instead of two list links.
 */
final class Entry {
    static final byte FETCHED = 1;
    static final byte STALE = 2;
    static final byte WIN_SENT = 4;
    /** The key arrived base64-encoded (memcached meta 'b'); replies show it encoded again. */
    static final byte BINARY_KEY = 8;
    /** Used since the CLOCK hand last passed: the entry gets a second chance before eviction. */
    static final byte REFERENCED = 16;

    /**
     * Strings: {@code [key length as varint][key][value]}. Other types: an {@link ObjectPayload}.
     * A string array is never modified once stored, so it may be handed to a socket as is.
     */
    Object payload;
    int flags;
    long cas;
    /** Absolute expiry in epoch milliseconds; 0 means never. */
    long expiresAt;
    /** Seconds since the keyspace started, at the last write or (at most once a minute) read. */
    int lastAccess;
    byte bits;

    Entry chainNext;

    boolean has(byte bit) {
        return (bits & bit) != 0;
    }

    void set(byte bit, boolean on) {
        bits = (byte) (on ? bits | bit : bits & ~bit);
    }

    boolean expiredAt(long nowMillis) {
        return expiresAt != 0 && expiresAt <= nowMillis;
    }

    boolean isString() {
        return payload instanceof byte[];
    }

    /** The string layout of {@code key} followed by {@code value}. */
    static byte[] stringPayload(byte[] key, byte[] value, int valueOffset, int valueLength) {
        int prefix = Varint.size(key.length);
        byte[] data = new byte[prefix + key.length + valueLength];
        Varint.write(data, key.length);
        System.arraycopy(key, 0, data, prefix, key.length);
        System.arraycopy(value, valueOffset, data, prefix + key.length, valueLength);
        return data;
    }

    /** Offset of the value inside a string payload. */
    int valueOffset() {
        byte[] data = (byte[]) payload;
        int keyLength = Varint.read(data);
        return Varint.size(keyLength) + keyLength;
    }

    boolean keyEquals(byte[] key) {
        if (payload instanceof byte[] data) {
            int keyLength = Varint.read(data);
            int from = Varint.size(keyLength);
            return keyLength == key.length && Arrays.equals(data, from, from + keyLength, key, 0, key.length);
        }
        return Arrays.equals(((ObjectPayload) payload).key(), key);
    }

    /** A copy of the key. */
    byte[] key() {
        if (payload instanceof byte[] data) {
            int keyLength = Varint.read(data);
            int from = Varint.size(keyLength);
            return Arrays.copyOfRange(data, from, from + keyLength);
        }
        return ((ObjectPayload) payload).key();
    }

    int hash() {
        if (payload instanceof byte[] data) {
            int keyLength = Varint.read(data);
            return KeyHash.of(data, Varint.size(keyLength), keyLength);
        }
        byte[] key = ((ObjectPayload) payload).key();
        return KeyHash.of(key, 0, key.length);
    }

    long size() {
        return EntrySize.of(payload);
    }

    /** The payload of a non-string value: the key beside a structure that knows its own size. */
    record ObjectPayload(byte[] key, Object value) {
    }
}
