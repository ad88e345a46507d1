package dev.depot.storage.keyspace;

import dev.depot.storage.types.Bytes;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory key-value space: a fixed set of independently locked shards, a shared memory
 * limit with its eviction policy, and a global CAS sequence. Any number of threads may call it
 * at once; two keys in different shards never contend.
 */
public final class Keyspace {
    private static final int SHARD_BITS = 8;
    static final int SHARDS = 1 << SHARD_BITS;

    private final Shard[] shards = new Shard[SHARDS];
    private final InstantSource clock;
    private final long startMillis;
    /** CAS values and key versions; shared by the databases, so a value keeps a unique version when SWAPDB moves it. */
    private final CasSequence cas;
    /** This keyspace's share of the budget. */
    /** Bytes held; striped, because every write that changes a size adds to it from its event loop. */
    private final LongAdder bytes = new LongAdder();
    /** Entries with an expiry: whether the volatile-* policies have anything to take here. */
    private final LongAdder volatileKeys = new LongAdder();
    private final MemoryBudget budget;

    private final LongAdder totalItems = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder reclaimed = new LongAdder();
    private final LongAdder expiredUnfetched = new LongAdder();
    private final LongAdder evictedUnfetched = new LongAdder();
    private final AtomicLong sweepShard = new AtomicLong();
    /** Who hears of what happens to keys, under which database number; null when nobody does. */
    private volatile Listening listening;
    /**
     * The causes {@link #listening} asked for, as {@link KeyspaceListener.Cause#bit}s (0 while
     * nobody listens): the one field a write, a creation, a reported miss or a removal reads
     * while nobody wants to hear of it. Written after {@link #listening}, so whoever finds a
     * cause's bit finds a listener that asked for it, or a later one (checked again).
     */
    private volatile int wanted;

    /** A listener, the database number it hears this keyspace as, and the causes it asked for. */
    private record Listening(KeyspaceListener listener, int db, int causes) {
        boolean wants(KeyspaceListener.Cause cause) {
            return (causes & cause.bit) != 0;
        }
    }

    /**
     * The keys some client WATCHes, so that their deletions leave a trace: a key missing when
     * watched, then created and deleted again, must still count as changed (see {@link #version}).
     */
    private final ConcurrentHashMap<Bytes, Watch> watches = new ConcurrentHashMap<>();

    /** How many watch a key, and the CAS value of its latest deletion (0: none since watched). */
    private static final class Watch {
        int watchers;
        /** Written and read under the key's shard lock. */
        long deletedAt;
    }

    /** A keyspace with a memory limit of its own. */
    public Keyspace(long maxBytes, InstantSource clock) {
        this(new MemoryBudget(maxBytes), clock);
    }

    /** A keyspace sharing {@code budget} with others (the Redis databases, memcached's items). */
    public Keyspace(MemoryBudget budget, InstantSource clock) {
        this(budget, new CasSequence(), clock.millis(), clock);
    }

    /**
     * A keyspace that also shares its CAS sequence and start time with others, so that values
     * keep comparable versions and access times when SWAPDB exchanges the contents of two.
     */
    Keyspace(MemoryBudget budget, CasSequence casSequence, long startMillis, InstantSource clock) {
        this.budget = budget;
        budget.register(this);
        this.clock = clock;
        this.startMillis = startMillis;
        this.cas = casSequence;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(this);
        }
    }

    /**
     * Runs {@code op} atomically on {@code key}, then, once the shard is unlocked, evicts under
     * the budget's policy if the write went over the limit.
     */
    public <R> R execute(byte[] key, KeyOp<R> op) {
        int hash = hash(key);
        Shard shard = shards[shardIndex(hash)];
        long now = clock.millis();
        R result;
        Entry written;
        shard.acquire();
        try {
            Slot slot = shard.slot;
            slot.position(key, hash, now);
            try {
                result = op.apply(slot);
            } finally {
                written = slot.release();
            }
        } finally {
            shard.lock.unlock();
        }
        evictIfOver(shard, key, hash, written, now);
        deliverKeyEvents();
        return result;
    }

    /**
     * Runs {@code op} atomically on all of {@code keys} (see {@link KeysOp}): their shards are
     * locked together, in shard order, so that no other client sees the keys half-changed.
     */
    public <R> R executeAll(List<byte[]> keys, KeysOp<R> op) {
        if (keys.size() == 1) {
            return execute(keys.get(0), slot -> op.apply(List.of(slot)));
        }
        List<KeyGroup.Member> members = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            members.add(new KeyGroup.Member(this, 0, key));
        }
        return KeyGroup.execute(members, op);
    }

    /**
     * After a write, with no lock held: if the budget is exceeded, evicts from this keyspace, then
     * from the others, sparing {@code written}, and only as a last resort {@code written} itself.
     */
    void evictIfOver(Shard shard, byte[] key, int hash, Entry written, long now) {
        if (budget.over()) {
            budget.afterWrite(this, key, hash, written);
        }
    }

    /** The shard at {@code index} (0 to 255; the high bits of a key's hash). */
    Shard shard(int index) {
        return shards[index];
    }

    static int shardIndex(int hash) {
        return hash >>> (32 - SHARD_BITS);
    }

    /**
     * Exchanges every entry with {@code other} (SWAPDB); the caller holds every shard lock of
     * both. Each keyspace keeps its identity, locks and counters: only the contents move.
     */
    void swapContents(Keyspace other) {
        for (int i = 0; i < SHARDS; i++) {
            shards[i].swapContents(other.shards[i]);
        }
        long mine = bytes.sumThenReset();
        bytes.add(other.bytes.sumThenReset());
        other.bytes.add(mine);
    }

    /**
     * Redis's memory check before a command that may add data (see {@link MemoryBudget#admitWrite()}).
     *
     * @throws MemoryFullException when over the limit and the eviction policy may free nothing
     */
    public void admitWrite() {
        budget.admitWrite();
    }

    /** Live entries that carry an expiry (Redis INFO's "expires"); walks every shard. */
    public long expiringKeys() {
        long now = clock.millis();
        long[] count = {0};
        for (Shard shard : shards) {
            shard.lock.lock();
            try {
                shard.forEach(e -> {
                    if (e.expiresAt != 0 && !e.expiredAt(now)) {
                        count[0]++;
                    }
                });
            } finally {
                shard.lock.unlock();
            }
        }
        return count[0];
    }

    /** A key chosen at random (Redis RANDOMKEY), or null when the keyspace is empty. */
    public byte[] randomKey() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        int start = random.nextInt(SHARDS);
        long now = clock.millis();
        for (int i = 0; i < SHARDS; i++) {
            Shard shard = shards[(start + i) & (SHARDS - 1)];
            shard.lock.lock();
            try {
                Entry pick = shard.randomLive(random, now);
                if (pick != null) {
                    return pick.key();
                }
            } finally {
                shard.lock.unlock();
            }
        }
        return null;
    }

    /** Takes every shard lock in order: nothing else touches this keyspace until {@link #unlockAll}. */
    void lockAll() {
        for (Shard shard : shards) {
            shard.lock.lock();
        }
    }

    void unlockAll() {
        for (int i = shards.length - 1; i >= 0; i--) {
            shards[i].lock.unlock();
        }
    }

    /**
     * The version of a key for optimistic transactions (Redis WATCH): its CAS value, which every
     * change of value or expiry through RESP renews; when the key does not exist, 0, or the CAS
     * value of its latest deletion while watched.
     */
    public long version(byte[] key) {
        return execute(key, slot -> {
            if (slot.exists()) {
                return slot.cas();
            }
            Watch watch = watches.get(new Bytes(key));
            return watch == null ? 0L : watch.deletedAt;
        });
    }

    /** Starts watching {@code key} (one more watcher) and returns its version now. */
    public long watch(byte[] key) {
        watches.compute(new Bytes(key), (k, w) -> {
            Watch watch = w == null ? new Watch() : w;
            watch.watchers++;
            return watch;
        });
        return version(key);
    }

    /** One watcher fewer for {@code key}; the trace of its deletions goes with the last one. */
    public void unwatch(byte[] key) {
        watches.computeIfPresent(new Bytes(key), (k, w) -> --w.watchers == 0 ? null : w);
    }

    /** The keys of every live entry, shard by shard (each shard a consistent moment; no global one). */
    public List<byte[]> keys() {
        long now = clock.millis();
        List<byte[]> keys = new ArrayList<>();
        for (Shard shard : shards) {
            shard.lock.lock();
            try {
                shard.forEach(e -> {
                    if (!e.expiredAt(now)) {
                        keys.add(e.key());
                    }
                });
            } finally {
                shard.lock.unlock();
            }
        }
        return keys;
    }

    /**
     * Removes every entry (memcached flush_all, FLUSHDB); a listener hears of it as one
     * {@link KeyspaceListener.Cause#FLUSHED} event, if it asked to.
     */
    public void clear() {
        clearEntries();
        flushed(false);
    }

    /** Removes every entry, telling no listener (see {@link Databases#clearAll()}). */
    void clearEntries() {
        for (Shard shard : shards) {
            shard.lock.lock();
            try {
                shard.forEach(e -> drop(shard, e, Removal.DELETED));
                shard.clear();
            } finally {
                shard.lock.unlock();
            }
        }
    }

    public long nextCas() {
        return cas.next();
    }

    public long maxBytes() {
        return budget.max();
    }

    /** Changes the shared memory limit at run time (memcached cache_memlimit); evicts down to it. */
    public void setMaxBytes(long bytes) {
        budget.setMax(bytes);
    }

    /** Bytes held by this keyspace's entries. */
    public long bytes() {
        return bytes.sum();
    }

    public long nowMillis() {
        return clock.millis();
    }

    public KeyspaceStats stats() {
        long items = 0;
        for (Shard shard : shards) {
            shard.lock.lock();
            try {
                items += shard.count();
            } finally {
                shard.lock.unlock();
            }
        }
        return new KeyspaceStats(items, totalItems.sum(), bytes.sum(), budget.max(), evictions.sum(),
                reclaimed.sum(), expiredUnfetched.sum(), evictedUnfetched.sum());
    }

    /** Zeroes the cumulative counters (memcached's {@code stats reset}); current sizes stay. */
    public void resetCounters() {
        totalItems.reset();
        evictions.reset();
        reclaimed.reset();
        expiredUnfetched.reset();
        evictedUnfetched.reset();
    }

    /**
     * One step of active expiry: looks at up to {@code budget} entries, continuing where the
     * last step stopped, and removes the expired ones.
     */
    public SweepResult sweepExpired(int budget) {
        long now = clock.millis();
        int seen = 0;
        int[] expired = {0};
        for (int visited = 0; visited < SHARDS && seen < budget; visited++) {
            Shard shard = shards[(int) (sweepShard.getAndIncrement() & (SHARDS - 1))];
            shard.lock.lock();
            try {
                seen += shard.sweep(Math.max(1, (budget - seen) / 4), e -> {
                    if (e.expiredAt(now)) {
                        drop(shard, e, Removal.EXPIRED);
                        expired[0]++;
                    }
                });
            } finally {
                shard.lock.unlock();
            }
        }
        deliverKeyEvents();
        return new SweepResult(seen, expired[0]);
    }

    /** The outcome of one {@link #sweepExpired} step. */
    public record SweepResult(int seen, int expired) {
    }

    int secondsSinceStart(long nowMillis) {
        return (int) ((nowMillis - startMillis) / 1000);
    }

    long millisSinceStart(long nowMillis) {
        return nowMillis - startMillis;
    }

    void added(Shard shard, long bytes) {
        this.bytes.add(bytes);
        budget.add(bytes);
        totalItems.increment();
    }

    /** An entry got a new value: a new item for the counters, and its size changed. */
    void replaced(Shard shard, long deltaBytes) {
        grew(shard, deltaBytes);
        totalItems.increment();
    }

    /** An entry's expiry went from {@code before} to {@code after} (0: none). */
    void expiryChanged(Shard shard, long before, long after) {
        if ((before == 0) != (after == 0)) {
            int delta = after != 0 ? 1 : -1;
            shard.volatileCountChanged(delta);
            volatileKeys.add(delta);
        }
    }

    /** An entry's value changed size in place (a hash gained a field). */
    void grew(Shard shard, long deltaBytes) {
        if (deltaBytes == 0) {
            return; // both counters are shared by every event loop: no write, no cache-line transfer
        }
        bytes.add(deltaBytes);
        budget.add(deltaBytes);
    }

    /**
     * Reports what happens to this keyspace's keys for {@code causes} to {@code listener}, as
     * database {@code db}, from now on, in place of any earlier listener; a null listener or no
     * causes stop the reports. While nobody listens for a cause, the path that would report it
     * (a write, a creation, a reported miss, a removal) costs one volatile read more.
     */
    public void listen(KeyspaceListener listener, int db, Set<KeyspaceListener.Cause> causes) {
        int mask = 0;
        if (causes != null) {
            for (KeyspaceListener.Cause cause : causes) {
                mask |= cause.bit;
            }
        }
        Listening next = listener == null || mask == 0 ? null : new Listening(listener, db, mask);
        listening = next;
        wanted = next == null ? 0 : mask;
    }

    /** Hands the key events this thread caused to their listener; call with no shard lock of this operation held. */
    void deliverKeyEvents() {
        if (wanted != 0) {
            PendingKeyEvents.deliver();
        }
    }

    /**
     * A slot changed {@code key} (a client's write): held for a listener of writes, if there is
     * one. While nobody listens for writes, this is the whole cost of the hook on a write: one
     * read of {@link #wanted}.
     */
    void written(byte[] key) {
        if ((wanted & KeyspaceListener.Cause.WRITTEN.bit) != 0) {
            hold(KeyspaceListener.Cause.WRITTEN, key);
        }
    }

    /** A write created {@code key} (it did not exist): held for the listener if it wants to hear of it. */
    void created(byte[] key) {
        if ((wanted & KeyspaceListener.Cause.CREATED.bit) != 0) {
            hold(KeyspaceListener.Cause.CREATED, key);
        }
    }

    /** A read found no {@code key} (see {@link Slot#reportMiss}). */
    void missed(byte[] key) {
        if ((wanted & KeyspaceListener.Cause.MISSED.bit) != 0) {
            hold(KeyspaceListener.Cause.MISSED, key);
        }
    }

    private void hold(KeyspaceListener.Cause cause, byte[] key) {
        Listening l = listening;
        if (l != null && l.wants(cause)) {
            PendingKeyEvents.hold(l.listener(), l.db(), cause, key.clone()); // the caller's array may be reused
        }
    }

    /**
     * This keyspace was emptied ({@code all}: and with it every database, FLUSHALL): a listener
     * of emptyings hears of it now, as this database or (all) as database -1.
     */
    private void flushed(boolean all) {
        if ((wanted & KeyspaceListener.Cause.FLUSHED.bit) != 0) {
            Listening l = listening;
            if (l != null && l.wants(KeyspaceListener.Cause.FLUSHED)) {
                PendingKeyEvents.hold(l.listener(), all ? -1 : l.db(), KeyspaceListener.Cause.FLUSHED, null);
                PendingKeyEvents.deliver();
            }
        }
    }

    /** Reports the emptying of every database at once (db -1) to a listener of emptyings. */
    void flushedAll() {
        flushed(true);
    }

    /** Unlinks an entry and books its departure; returns the bytes freed. */
    long drop(Shard shard, Entry entry, Removal why) {
        return drop(shard, entry, entry.hash(), why);
    }

    /**
     * Unlinks an entry and books its departure; returns the bytes freed. The entry's payload is
     * let go: the entry is dead from here on (an entry is never linked again once dropped, nor
     * moved to another shard), and an eviction pool that still holds it keeps only its 48 bytes
     * and sees that it is gone.
     */
    long drop(Shard shard, Entry entry, int hash, Removal why) {
        shard.remove(entry, hash);
        expiryChanged(shard, entry.expiresAt, 0);
        if (!watches.isEmpty()) {
            Watch watch = watches.get(new Bytes(entry.key()));
            if (watch != null) {
                watch.deletedAt = nextCas();
            }
        }
        long size = entry.size();
        if (why != Removal.DELETED) {
            hold(entry, why); // before the payload, which holds the key, is let go
        }
        entry.payload = null;
        bytes.add(-size);
        budget.add(-size);
        switch (why) {
            case EXPIRED -> {
                reclaimed.increment();
                if (!entry.has(Entry.FETCHED)) {
                    expiredUnfetched.increment();
                }
            }
            case EVICTED -> {
                evictions.increment();
                if (!entry.has(Entry.FETCHED)) {
                    evictedUnfetched.increment();
                }
            }
            case DELETED -> {
            }
        }
        return size;
    }

    private void hold(Entry entry, Removal why) {
        KeyspaceListener.Cause cause = why == Removal.EXPIRED
                ? KeyspaceListener.Cause.EXPIRED : KeyspaceListener.Cause.EVICTED;
        if ((wanted & cause.bit) != 0) {
            Listening l = listening;
            if (l != null && l.wants(cause)) {
                PendingKeyEvents.hold(l.listener(), l.db(), cause, entry.key());
            }
        }
    }

    /** Whether this keyspace holds anything {@code policy} may evict. */
    boolean hasEvictable(EvictionPolicy policy) {
        return policy.evicts() && (policy.volatileOnly() ? volatileKeys.sum() > 0 : bytes.sum() > 0);
    }

    /**
     * Offers up to {@code wanted} of this keyspace's entries that {@code policy} may evict to
     * {@code pool}, from shard {@code firstShard} on; a shard another thread holds is skipped.
     */
    void sampleInto(EvictionPool pool, EvictionPolicy policy, Entry keep, int wanted, int firstShard) {
        long now = clock.millis();
        int offered = 0;
        for (int i = 0; i < SHARDS && offered < wanted; i++) {
            Shard shard = shards[(firstShard + i) & (SHARDS - 1)];
            if (shard.lock.tryLock()) {
                try {
                    offered += shard.sample(policy, keep, wanted - offered, now, pool);
                } finally {
                    shard.lock.unlock();
                }
            }
        }
    }

    /**
     * Evicts the pooled {@code entry} of {@code shard} if it is still there, still allowed to go
     * and not used since it was ranked {@code rankWhenSampled}; false when it was not evicted.
     */
    boolean evictCandidate(Shard shard, Entry entry, long rankWhenSampled, EvictionPolicy policy, Entry keep) {
        if (!shard.lock.tryLock()) {
            return false;
        }
        try {
            long now = clock.millis();
            // an entry stays in its shard from insert to drop, and drop clears its payload
            if (entry.payload == null || entry == keep || !policy.mayEvict(entry)
                    || policy.rank(entry, now, millisSinceStart(now)) < rankWhenSampled) {
                return false;
            }
            drop(shard, entry, entry.expiredAt(now) ? Removal.EXPIRED : Removal.EVICTED);
            return true;
        } finally {
            shard.lock.unlock();
        }
    }

    /** Evicts an entry {@code policy} may take, at random; false when it found none in a free shard. */
    boolean evictRandom(EvictionPolicy policy, Entry keep) {
        long now = clock.millis();
        int start = ThreadLocalRandom.current().nextInt(SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            Shard shard = shards[(start + i) & (SHARDS - 1)];
            if (!shard.lock.tryLock()) {
                continue;
            }
            try {
                Entry victim = shard.randomEvictable(policy, keep);
                if (victim != null) {
                    drop(shard, victim, victim.expiredAt(now) ? Removal.EXPIRED : Removal.EVICTED);
                    return true;
                }
            } finally {
                shard.lock.unlock();
            }
        }
        return false;
    }

    /** The last resort: an entry larger than the whole limit cannot stay, whatever else goes. */
    void evictIfLargerThanLimit(byte[] key, int hash, Entry written, long maxBytes) {
        Shard shard = shardFor(hash);
        if (!shard.lock.tryLock()) {
            return; // like every eviction step, never wait: the next write over the limit tries again
        }
        try {
            if (shard.find(key, hash) == written && written.size() > maxBytes) {
                drop(shard, written, hash, Removal.EVICTED);
            }
        } finally {
            shard.lock.unlock();
        }
    }

    private Shard shardFor(int hash) {
        return shards[shardIndex(hash)];
    }


    static int hash(byte[] key) {
        return KeyHash.of(key, 0, key.length);
    }
}
