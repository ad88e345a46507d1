package dev.depot.storage.keyspace;

/**
 * A cursor on one key inside a locked shard, handed to a {@link KeyOp} (or, one per key, to a
 * {@link KeysOp}). It sees the key's live entry (an expired one has already been removed) and
 * changes it in place. Single-key operations reuse one instance per shard under the shard lock,
 * so they cost no allocation; never keep a reference to a slot after the op returns.
 */
public final class Slot {
    private final Shard shard;
    private byte[] key;
    private int hash;
    private long now;
    private Entry entry;

    Slot(Shard shard) {
        this.shard = shard;
    }

    void position(byte[] key, int hash, long nowMillis) {
        this.key = key;
        this.hash = hash;
        this.now = nowMillis;
        Entry found = shard.find(key, hash);
        if (found != null && found.expiredAt(nowMillis)) {
            shard.keyspace().drop(shard, found, hash, Removal.EXPIRED);
            found = null;
        }
        this.entry = found;
    }

    /** The entry written by the op, which eviction must spare; clears the cursor. */
    Entry release() {
        Entry written = entry;
        key = null;
        entry = null;
        return written;
    }

    public byte[] key() {
        return key;
    }

    public long nowMillis() {
        return now;
    }

    public boolean exists() {
        return entry != null;
    }

    /**
     * Says that a read looked for this key and found none (call it only when {@link #exists()}
     * is false): the keyspace's listener hears of it if it asked to (Redis's keymiss event).
     * Writes that find no key do not report it.
     */
    public void reportMiss() {
        shard.keyspace().missed(key);
    }

    /** True when the key exists and holds a string (the only type memcached sees). */
    public boolean isString() {
        return entry != null && entry.isString();
    }

    /** A copy of the string value; null when the key is absent or holds another type. */
    public byte[] bytes() {
        if (!isString()) {
            return null;
        }
        byte[] data = (byte[]) entry.payload;
        int from = entry.valueOffset();
        return java.util.Arrays.copyOfRange(data, from, data.length);
    }

    /**
     * The array holding the string value from {@link #stringOffset()} to its end, shared, not
     * copied: from now on it is never modified, so it can be written to a socket after the lock
     * is gone.
     */
    public byte[] stringBacking() {
        entry.set(Entry.SHARED, true);
        return (byte[]) entry.payload;
    }

    public int stringOffset() {
        return entry.valueOffset();
    }

    /** Where the value starts inside an array returned by {@link #stringBacking()}. */
    public static int valueOffset(byte[] stringBacking) {
        int keyLength = Varint.read(stringBacking);
        return Varint.size(keyLength) + keyLength;
    }

    public int stringLength() {
        return ((byte[]) entry.payload).length - entry.valueOffset();
    }

    /** A non-string value; null for strings and absent keys. */
    public Object object() {
        return entry != null && entry.payload instanceof Entry.ObjectPayload p ? p.value() : null;
    }

    public int flags() {
        return entry.flags;
    }

    public long cas() {
        return entry.cas;
    }

    /** Absolute expiry in epoch milliseconds, 0 for none. */
    public long expiresAt() {
        return entry.expiresAt;
    }

    /**
     * Whole seconds since the entry was written, or read (reads refresh it at most once a
     * minute): memcached's "la". Eviction uses the exact {@link #lruIdleSeconds()} instead.
     */
    public int idleSeconds() {
        return shard.keyspace().secondsSinceStart(now) - entry.lastAccess;
    }

    /**
     * Whole seconds since the entry was last read or written, as the LRU policies rank it
     * (Redis's OBJECT IDLETIME). Asking is not a use. Tracked under every policy.
     */
    public int lruIdleSeconds() {
        return (int) (entry.idleMillis(shard.keyspace().millisSinceStart(now)) / 1000);
    }

    /**
     * The entry's logarithmic access counter (0-255: 5 for a new key, about 10 after a hundred
     * uses, minus one per idle minute), as the LFU policies rank it (Redis's OBJECT FREQ).
     * Asking is not a use. Tracked under every policy.
     */
    public int lfuFrequency() {
        return entry.frequency(shard.keyspace().millisSinceStart(now));
    }

    public boolean fetched() {
        return entry.has(Entry.FETCHED);
    }

    public boolean stale() {
        return entry.has(Entry.STALE);
    }

    public boolean winTokenSent() {
        return entry.has(Entry.WIN_SENT);
    }

    /** Records a read: the entry counts as used (for eviction) and as fetched. */
    public void markFetched() {
        entry.set(Entry.FETCHED, true);
        entry.used(shard.keyspace().millisSinceStart(now));
    }

    /** Creates or replaces the entry with a string value and a fresh CAS value. */
    public void put(byte[] value, int flags, long expiresAt) {
        put(value, flags, expiresAt, shard.keyspace().nextCas());
    }

    /** Creates or replaces the entry with a string value and the given CAS value. */
    public void put(byte[] value, int flags, long expiresAt, long cas) {
        if (!overwriteInPlace(value)) {
            replacePayload(Entry.stringPayload(key, value, 0, value.length));
        }
        entry.flags = flags;
        expiry(expiresAt);
        entry.cas = cas;
        shard.keyspace().written(key);
    }

    /** Creates or replaces the entry with a non-string value (flags 0, fresh CAS). */
    public void putObject(Object value, long expiresAt) {
        replacePayload(new Entry.ObjectPayload(key, value));
        entry.flags = 0;
        expiry(expiresAt);
        entry.cas = shard.keyspace().nextCas();
        shard.keyspace().written(key);
    }

    /**
     * Books a change in the size of the non-string value held here, after it was modified in
     * place; {@code before} is what {@link #objectSize()} said before the change.
     */
    public void objectResized(long before) {
        shard.keyspace().grew(shard, objectSize() - before);
        touchVersion();
        entry.used(shard.keyspace().millisSinceStart(now));
    }

    /** Marks the entry as changed (a new CAS value for optimistic transactions), without new content. */
    public void touchVersion() {
        entry.cas = shard.keyspace().nextCas();
        shard.keyspace().written(key);
    }

    /** The accounted size of this entry (for {@link #objectResized}). */
    public long objectSize() {
        return entry.size();
    }

    /**
     * Copies a value over the current one when it has the same length and its array was never
     * handed out: the common rewrite of a cache key then allocates nothing that outlives the
     * request. Returns false when a new array is needed.
     */
    private boolean overwriteInPlace(byte[] value) {
        if (entry == null || entry.has(Entry.SHARED) || !(entry.payload instanceof byte[] data)) {
            return false;
        }
        int from = entry.valueOffset();
        if (data.length - from != value.length) {
            return false;
        }
        System.arraycopy(value, 0, data, from, value.length);
        Keyspace keyspace = shard.keyspace();
        keyspace.replaced(shard, 0);
        entry.bits = 0;
        entry.written(keyspace.millisSinceStart(now));
        return true;
    }

    private void replacePayload(Object payload) {
        Keyspace keyspace = shard.keyspace();
        long sinceStart = keyspace.millisSinceStart(now);
        if (entry == null) {
            entry = new Entry();
            entry.payload = payload;
            shard.insert(entry, hash);
            keyspace.added(shard, entry.size());
            entry.created(sinceStart);
            keyspace.created(key);
        } else {
            long before = entry.size();
            entry.payload = payload;
            keyspace.replaced(shard, entry.size() - before);
            entry.bits = 0;
            entry.written(sinceStart);
        }
    }

    /** Sets or (with 0) removes the expiry: a change of the key for {@link KeyspaceListener}s of writes. */
    public void setExpiresAt(long expiresAt) {
        expiry(expiresAt);
        shard.keyspace().written(key);
    }

    private void expiry(long expiresAt) {
        shard.keyspace().expiryChanged(shard, entry.expiresAt, expiresAt);
        entry.expiresAt = expiresAt;
    }

    public void setCas(long cas) {
        entry.cas = cas;
    }

    /** Marks the value stale or fresh (memcached's invalidation): a change of the key. */
    public void setStale(boolean stale) {
        entry.set(Entry.STALE, stale);
        shard.keyspace().written(key);
    }

    public void setWinTokenSent(boolean sent) {
        entry.set(Entry.WIN_SENT, sent);
    }

    /** Whether the key was given base64-encoded when the value was stored (memcached meta). */
    public boolean binaryKey() {
        return entry.has(Entry.BINARY_KEY);
    }

    public void setBinaryKey(boolean binary) {
        entry.set(Entry.BINARY_KEY, binary);
    }

    public void delete() {
        shard.keyspace().drop(shard, entry, hash, Removal.DELETED);
        entry = null;
        shard.keyspace().written(key);
    }
}
