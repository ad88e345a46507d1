package dev.depot.storage.keyspace;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A slice of the keyspace with its own lock: a chained hash table whose buckets double as the
 * CLOCK of its eviction. An access sets an entry's referenced bit; the hand sweeps the buckets,
 * takes expired entries at once, clears set bits (a second chance) and evicts the first entry
 * not used since its last pass: least recently used, approximately, at the cost of one bit
 * instead of two list links per entry and no list surgery on reads. Every method requires the
 * caller to hold the shard's {@link #lock}.
 */
final class Shard {
    private static final int INITIAL_BUCKETS = 16;

    private final Keyspace keyspace;
    final Slot slot;
    /**
     * Guards everything here. A lock object rather than the monitor so that a transaction can
     * take every shard in order (Redis's EXEC runs with the whole keyspace to itself).
     */
    final ReentrantLock lock = new ReentrantLock();
    private Entry[] buckets = new Entry[INITIAL_BUCKETS];
    private int count;
    /** Next bucket the eviction hand looks at. */
    private int clockHand;
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
        if (count >= buckets.length) {
            resize();
        }
        int index = hash & (buckets.length - 1);
        entry.chainNext = buckets[index];
        buckets[index] = entry;
        entry.set(Entry.REFERENCED, true);
        count++;
    }

    /** Unlinks an entry; {@code hash} is its key's hash, or anything with the same low bits (its bucket). */
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
                return;
            }
        }
    }

    /** Marks an entry as used, so the next pass of the hand spares it. */
    void touch(Entry entry) {
        entry.set(Entry.REFERENCED, true);
    }

    /**
     * Frees one entry: the first expired one the hand meets, or else the first not used since
     * the hand last passed. Returns the bytes released, or 0 when the shard has nothing left to
     * give ({@code keep}, the entry being written, is never chosen).
     */
    long evictOne(long nowMillis, Entry keep) {
        // two passes at most: the first may only clear referenced bits
        for (int visited = 0, limit = 2 * buckets.length; visited < limit && count > 0; visited++) {
            int index = clockHand & (buckets.length - 1);
            for (Entry e = buckets[index]; e != null; e = e.chainNext) {
                if (e == keep) {
                    continue;
                }
                if (e.expiredAt(nowMillis)) {
                    return keyspace.drop(this, e, index, Removal.EXPIRED);
                }
                if (e.has(Entry.REFERENCED)) {
                    e.set(Entry.REFERENCED, false);
                } else {
                    return keyspace.drop(this, e, index, Removal.EVICTED);
                }
            }
            clockHand++;
        }
        return 0;
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

    /** A live entry chosen at random: a random bucket, then the next non-empty one. */
    Entry randomLive(java.util.Random random, long nowMillis) {
        if (count == 0) {
            return null;
        }
        int start = random.nextInt(buckets.length);
        for (int i = 0; i < buckets.length; i++) {
            for (Entry e = buckets[(start + i) & (buckets.length - 1)]; e != null; e = e.chainNext) {
                if (!e.expiredAt(nowMillis)) {
                    return e;
                }
            }
        }
        return null;
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

    /** Exchanges tables with {@code other}, a shard of another keyspace (SWAPDB); both locks are held. */
    void swapContents(Shard other) {
        Entry[] theirBuckets = other.buckets;
        int theirCount = other.count;
        int theirHand = other.clockHand;
        int theirCursor = other.sweepCursor;
        other.buckets = buckets;
        other.count = count;
        other.clockHand = clockHand;
        other.sweepCursor = sweepCursor;
        buckets = theirBuckets;
        count = theirCount;
        clockHand = theirHand;
        sweepCursor = theirCursor;
    }

    void clear() {
        buckets = new Entry[INITIAL_BUCKETS];
        count = 0;
        clockHand = 0;
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
}
