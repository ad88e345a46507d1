package dev.depot.storage.keyspace;

import java.util.function.Consumer;

/**
 * A slice of the keyspace with its own lock: a chained hash table plus an intrusive LRU list
 * (head = most recently used). Every method requires the caller to hold the shard's monitor.
 */
final class Shard {
    private static final int INITIAL_BUCKETS = 16;
    /** How many entries from the LRU tail are checked for an expired one before evicting. */
    private static final int EXPIRED_SEARCH_DEPTH = 5;

    private final Keyspace keyspace;
    final Slot slot;
    private Entry[] buckets = new Entry[INITIAL_BUCKETS];
    private int count;
    private Entry lruHead;
    private Entry lruTail;
    /** Next bucket the expiry sweep looks at. */
    private int sweepCursor;

    Shard(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.slot = new Slot(this);
    }

    Keyspace keyspace() {
        return keyspace;
    }

    int count() {
        return count;
    }

    Entry find(byte[] key, int hash) {
        for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.chainNext) {
            if (e.keyEquals(key)) {
                return e;
            }
        }
        return null;
    }

    void insert(Entry entry, int hash) {
        if (count >= buckets.length - (buckets.length >>> 2)) {
            resize();
        }
        int index = hash & (buckets.length - 1);
        entry.chainNext = buckets[index];
        buckets[index] = entry;
        count++;
        linkHead(entry);
    }

    /** Unlinks an entry; {@code hash} is its key's hash (computed again when not at hand). */
    void remove(Entry entry, int hash) {
        int index = hash & (buckets.length - 1);
        Entry prev = null;
        for (Entry e = buckets[index]; e != null; prev = e, e = e.chainNext) {
            if (e == entry) {
                if (prev == null) {
                    buckets[index] = e.chainNext;
                } else {
                    prev.chainNext = e.chainNext;
                }
                e.chainNext = null;
                count--;
                unlink(e);
                return;
            }
        }
    }

    /** Moves an entry to the most-recently-used end. */
    void bump(Entry entry) {
        if (lruHead != entry) {
            unlink(entry);
            linkHead(entry);
        }
    }

    /**
     * Frees one entry from the LRU tail, preferring an expired one among the last few. Returns
     * the bytes released, or 0 when the shard has nothing left to give (the entry {@code keep}
     * is never chosen: it is the one being written).
     */
    long evictOne(long nowMillis, Entry keep) {
        Entry candidate = lruTail;
        for (int i = 0; i < EXPIRED_SEARCH_DEPTH && candidate != null; i++, candidate = candidate.lruPrev) {
            if (candidate != keep && candidate.expiredAt(nowMillis)) {
                return keyspace.drop(this, candidate, Removal.EXPIRED);
            }
        }
        Entry victim = lruTail == keep ? (keep == null ? null : keep.lruPrev) : lruTail;
        return victim == null ? 0 : keyspace.drop(this, victim, Removal.EVICTED);
    }

    /** Visits up to {@code budget} entries from the sweep cursor on; returns how many it saw. */
    int sweep(int budget, Consumer<Entry> visitor) {
        int seen = 0;
        int scannedBuckets = 0;
        while (seen < budget && scannedBuckets < buckets.length) {
            int index = sweepCursor++ & (buckets.length - 1);
            scannedBuckets++;
            Entry e = buckets[index];
            while (e != null) {
                Entry next = e.chainNext;
                visitor.accept(e);
                seen++;
                e = next;
            }
        }
        return seen;
    }

    void forEach(Consumer<Entry> action) {
        for (Entry head : buckets) {
            for (Entry e = head; e != null; ) {
                Entry next = e.chainNext;
                action.accept(e);
                e = next;
            }
        }
    }

    void clear() {
        buckets = new Entry[INITIAL_BUCKETS];
        count = 0;
        lruHead = null;
        lruTail = null;
    }

    private void resize() {
        Entry[] old = buckets;
        Entry[] grown = new Entry[old.length << 1];
        int mask = grown.length - 1;
        for (Entry head : old) {
            for (Entry e = head; e != null; ) {
                Entry next = e.chainNext;
                int index = e.hash() & mask;
                e.chainNext = grown[index];
                grown[index] = e;
                e = next;
            }
        }
        buckets = grown;
    }

    private void linkHead(Entry e) {
        e.lruPrev = null;
        e.lruNext = lruHead;
        if (lruHead != null) {
            lruHead.lruPrev = e;
        }
        lruHead = e;
        if (lruTail == null) {
            lruTail = e;
        }
    }

    private void unlink(Entry e) {
        if (e.lruPrev != null) {
            e.lruPrev.lruNext = e.lruNext;
        } else if (lruHead == e) {
            lruHead = e.lruNext;
        }
        if (e.lruNext != null) {
            e.lruNext.lruPrev = e.lruPrev;
        } else if (lruTail == e) {
            lruTail = e.lruPrev;
        }
        e.lruPrev = null;
        e.lruNext = null;
    }
}
