package dev.depot.storage.keyspace;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One key and its value, linked into its shard's hash chain. A million of these live on the
 * heap, so the layout is chosen for size (48 bytes with compressed oops, see {@link EntrySize}):
 * a string keeps key and value in ONE array, the hash is not stored (it is recomputed only when
 * a shard's table grows), and what eviction needs to know about use (recency to the millisecond
 * and an LFU counter) takes three bytes that fit in the object's alignment padding, where a
 * list-based LRU would take two links.
 */
final class Entry {
    static final byte FETCHED = 1;
    static final byte STALE = 2;
    static final byte WIN_SENT = 4;
    /** The key arrived base64-encoded (memcached meta 'b'); replies show it encoded again. */
    static final byte BINARY_KEY = 8;
    /**
     * The string payload has been handed out by reference ({@link Slot#stringBacking()}), so it
     * may be on its way to a socket: it must not be overwritten in place any more.
     */
    static final byte SHARED = 16;

    /**
     * How often a read may move {@link #lastAccess} (memcached's ITEM_UPDATE_INTERVAL, which its
     * "la" shows). It is also the LFU decay period (Redis's default lfu-decay-time, one minute):
     * the counter decays by the whole minutes since lastAccess, and lastAccess moves exactly
     * when at least one has passed, so each idle minute is taken off once.
     */
    static final int ACCESS_UPDATE_INTERVAL_SECONDS = 60;

    /**
     * Strings: {@code [key length as varint][key][value]}. Other types: an {@link ObjectPayload}.
     * A write of a value of the same length reuses a string array in place (a cache that
     * rewrites its keys then promotes no garbage to the old generation), unless the array was
     * {@link #SHARED}: from then on it is never modified, so it may be handed to a socket as is.
     */
    Object payload;
    int flags;
    long cas;
    /** Absolute expiry in epoch milliseconds; 0 means never. */
    long expiresAt;
    /** Seconds since the keyspace started, at the last write or (at most once a minute) read. */
    int lastAccess;
    byte bits;
    /** The {@link LfuCounter}, 0-255 read unsigned, as of {@link #lastAccess}. */
    byte lfuCounter;
    /**
     * Milliseconds from the start of second {@link #lastAccess} to the latest use, 0-60999 read
     * unsigned: the recency LRU ranks by, to the millisecond (so the keys written last are the
     * last to go), although lastAccess itself moves at most once a minute.
     */
    short useLagMillis;

    Entry chainNext;

    boolean has(byte bit) {
        return (bits & bit) != 0;
    }

    void set(byte bit, boolean on) {
        bits = (byte) (on ? bits | bit : bits & ~bit);
    }

    /**
     * A new entry, {@code sinceStart} milliseconds after the keyspace started: used now, with
     * the LFU counter of a new key.
     */
    void created(long sinceStart) {
        lastAccessAt(sinceStart);
        lfuCounter = LfuCounter.INITIAL;
    }

    /**
     * Records a read or a write {@code sinceStart} milliseconds after the keyspace started: the
     * LFU counter first loses the minutes idle since lastAccess, then counts this use;
     * lastAccess moves if a minute has passed.
     */
    void used(long sinceStart) {
        int sinceUpdate = seconds(sinceStart) - lastAccess;
        int counter = LfuCounter.decayed(lfuCounter & 0xFF, sinceUpdate / ACCESS_UPDATE_INTERVAL_SECONDS);
        lfuCounter = (byte) LfuCounter.incremented(counter, ThreadLocalRandom.current().nextDouble());
        if (sinceUpdate >= ACCESS_UPDATE_INTERVAL_SECONDS || sinceUpdate < 0) { // < 0: the clock went back
            lastAccessAt(sinceStart);
        } else {
            useLagMillis = (short) (sinceStart - lastAccess * 1000L);
        }
    }

    /**
     * Records a write: a use, and memcached's last-access time restarts (a stored item is new
     * there). The minute under way is then lost to LFU decay: a key rewritten more often than
     * once a minute does not decay, where Redis would take one off per minute boundary crossed.
     */
    void written(long sinceStart) {
        used(sinceStart);
        lastAccessAt(sinceStart);
    }

    /** Milliseconds since the latest use. */
    long idleMillis(long sinceStart) {
        return Math.max(0, sinceStart - (lastAccess * 1000L + (useLagMillis & 0xFFFF)));
    }

    /** The LFU counter with the idle minutes taken off, as of now (Redis's OBJECT FREQ). */
    int frequency(long sinceStart) {
        int idleMinutes = (seconds(sinceStart) - lastAccess) / ACCESS_UPDATE_INTERVAL_SECONDS;
        return LfuCounter.decayed(lfuCounter & 0xFF, idleMinutes);
    }

    private void lastAccessAt(long sinceStart) {
        lastAccess = seconds(sinceStart);
        useLagMillis = (short) (sinceStart - lastAccess * 1000L);
    }

    private static int seconds(long millis) {
        return (int) Math.floorDiv(millis, 1000L);
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
