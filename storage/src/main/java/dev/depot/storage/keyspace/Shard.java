package dev.depot.storage.keyspace;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A slice of the keyspace with its own lock: a chained hash table, plus what eviction needs to
 * find candidates in it (how many entries carry an expiry, and sampling). Every method requires
 * the caller to hold the shard's {@link #lock}.
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
    /** Entries with an expiry: the volatile-* policies skip a shard that has none. */
    private int volatileCount;
    /** Next bucket the expiry sweep looks at. */
    private int sweepCursor;

    /**
     * How often {@link #acquire} retries a busy lock before parking. A command holds the lock
     * for well under a microsecond, while parking costs the waiter a futex call and a context
     * switch and the holder a wake-up call: on one hot key (a list both event loops push to)
     * spinning briefly is much the cheaper wait.
     */
    private static final int SPINS = 100;

    Shard(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.slot = new Slot(this);
    }

    /** Takes {@link #lock}, spinning briefly before parking if it is busy. */
    void acquire() {
        if (lock.tryLock()) {
            return;
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (!lock.isLocked() && lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }

    Keyspace keyspace() {
        return keyspace;
    }

    int count() {
        return count;
    }

    /** An entry of this shard gained ({@code +1}) or lost ({@code -1}) its expiry. */
    void volatileCountChanged(int delta) {
        volatileCount += delta;
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

    /**
     * Offers up to {@code wanted} entries that {@code policy} may evict (never {@code keep}) to
     * {@code pool}, walking the buckets from a random one: neighbouring buckets hold unrelated
     * keys, so this samples as well as picking each entry at random. Returns how many it offered.
     */
    int sample(EvictionPolicy policy, Entry keep, int wanted, long nowMillis, EvictionPool pool) {
        if (!hasEvictable(policy)) {
            return 0;
        }
        long sinceStart = keyspace.millisSinceStart(nowMillis);
        int offered = 0;
        int start = ThreadLocalRandom.current().nextInt(buckets.length);
        for (int i = 0; i < buckets.length && offered < wanted; i++) {
            Entry e = buckets[(start + i) & (buckets.length - 1)];
            for (; e != null && offered < wanted; e = e.chainNext) {
                if (e != keep && policy.mayEvict(e)) {
                    pool.offer(this, e, policy.rank(e, nowMillis, sinceStart));
                    offered++;
                }
            }
        }
        return offered;
    }

    /** An entry {@code policy} may evict, other than {@code keep}, chosen at random; null if none. */
    Entry randomEvictable(EvictionPolicy policy, Entry keep) {
        if (!hasEvictable(policy)) {
            return null;
        }
        int start = ThreadLocalRandom.current().nextInt(buckets.length);
        for (int i = 0; i < buckets.length; i++) {
            for (Entry e = buckets[(start + i) & (buckets.length - 1)]; e != null; e = e.chainNext) {
                if (e != keep && policy.mayEvict(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    private boolean hasEvictable(EvictionPolicy policy) {
        return policy.volatileOnly() ? volatileCount > 0 : count > 0;
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
        int theirVolatile = other.volatileCount;
        int theirCursor = other.sweepCursor;
        other.buckets = buckets;
        other.count = count;
        other.volatileCount = volatileCount;
        other.sweepCursor = sweepCursor;
        buckets = theirBuckets;
        count = theirCount;
        volatileCount = theirVolatile;
        sweepCursor = theirCursor;
    }

    void clear() {
        buckets = new Entry[INITIAL_BUCKETS];
        count = 0;
        volatileCount = 0;
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
