package dev.depot.storage.keyspace;

/**
 * A cursor on one key inside a locked shard, handed to a {@link KeyOp}. It sees the key's live
 * entry (an expired one has already been removed) and changes it in place. One instance per
 * shard, reused under the shard lock, so an operation costs no allocation; never keep a
 * reference to it after the op returns.
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
            shard.keyspace().drop(shard, found, Removal.EXPIRED);
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

    /** The value, a {@code byte[]} for strings; null when the key does not exist. */
    public Object value() {
        return entry == null ? null : entry.value;
    }

    /** The string value, or null when the key is absent or holds another type. */
    public byte[] bytes() {
        return entry != null && entry.value instanceof byte[] b ? b : null;
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

    /** Whole seconds since the entry was last read or written. */
    public int idleSeconds() {
        return shard.keyspace().secondsSinceStart(now) - entry.lastAccess;
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

    /** Records a read: the entry becomes most recently used and counts as fetched. */
    public void markFetched() {
        entry.set(Entry.FETCHED, true);
        entry.lastAccess = shard.keyspace().secondsSinceStart(now);
        shard.bump(entry);
    }

    /** Creates or replaces the entry with a fresh CAS value. */
    public void put(Object value, int flags, long expiresAt) {
        put(value, flags, expiresAt, shard.keyspace().nextCas());
    }

    /** Creates or replaces the entry with the given CAS value. */
    public void put(Object value, int flags, long expiresAt, long cas) {
        Keyspace keyspace = shard.keyspace();
        if (entry == null) {
            entry = new Entry(key, hash);
            entry.value = value;
            shard.insert(entry);
            keyspace.added(shard, entry.size());
        } else {
            long before = entry.size();
            entry.value = value;
            keyspace.resized(shard, entry.size() - before);
            entry.bits = 0;
            shard.bump(entry);
        }
        entry.flags = flags;
        entry.expiresAt = expiresAt;
        entry.cas = cas;
        entry.lastAccess = keyspace.secondsSinceStart(now);
    }

    public void setExpiresAt(long expiresAt) {
        entry.expiresAt = expiresAt;
    }

    public void setCas(long cas) {
        entry.cas = cas;
    }

    public void setStale(boolean stale) {
        entry.set(Entry.STALE, stale);
    }

    public void setWinTokenSent(boolean sent) {
        entry.set(Entry.WIN_SENT, sent);
    }

    public void delete() {
        shard.keyspace().drop(shard, entry, Removal.DELETED);
        entry = null;
    }
}
