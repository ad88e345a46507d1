package dev.depot.storage.keyspace;

import dev.depot.storage.types.Bytes;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory key-value space: a fixed set of independently locked shards, one LRU per shard,
 * a shared memory limit and a global CAS sequence. Any number of threads may call it at once;
 * two keys in different shards never contend.
 */
public final class Keyspace {
    private static final int SHARD_BITS = 8;
    private static final int SHARDS = 1 << SHARD_BITS;

    private final Shard[] shards = new Shard[SHARDS];
    private final InstantSource clock;
    private final long startMillis;
    private final AtomicLong cas = new AtomicLong();
    /** This keyspace's share of the budget. */
    private final AtomicLong bytes = new AtomicLong();
    private final MemoryBudget budget;

    private final LongAdder totalItems = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder reclaimed = new LongAdder();
    private final LongAdder expiredUnfetched = new LongAdder();
    private final LongAdder evictedUnfetched = new LongAdder();
    private final AtomicLong sweepShard = new AtomicLong();
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
        this.budget = budget;
        budget.register(this);
        this.clock = clock;
        this.startMillis = clock.millis();
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(this);
        }
    }

    /** Runs {@code op} atomically on {@code key}, then evicts if the write went over the limit. */
    public <R> R execute(byte[] key, KeyOp<R> op) {
        int hash = hash(key);
        Shard shard = shards[hash >>> (32 - SHARD_BITS)];
        long now = clock.millis();
        R result;
        Entry written = null;
        shard.lock.lock();
        try {
            Slot slot = shard.slot;
            slot.position(key, hash, now);
            try {
                result = op.apply(slot);
            } finally {
                written = slot.release();
                while (budget.over() && shard.evictOne(now, written) > 0) {
                    // the writer's own shard pays first: it is locked already
                }
            }
        } finally {
            shard.lock.unlock();
        }
        if (budget.over()) {
            evictAcrossShards(now, written);
            budget.evictFromOthers(this, written);
            if (written != null && budget.over()) {
                evictOversized(shard, key, hash, written);
            }
        }
        return result;
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

    /** Removes every entry (memcached flush_all). */
    public void clear() {
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
        return cas.incrementAndGet();
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
        return bytes.get();
    }

    /** Evicts from this keyspace until the budget is met or nothing is left; false if it freed nothing. */
    boolean evictSome(Entry keep) {
        long before = bytes.get();
        evictAcrossShards(clock.millis(), keep);
        return bytes.get() < before;
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
        return new KeyspaceStats(items, totalItems.sum(), bytes.get(), budget.max(), evictions.sum(),
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
        return new SweepResult(seen, expired[0]);
    }

    /** The outcome of one {@link #sweepExpired} step. */
    public record SweepResult(int seen, int expired) {
    }

    int secondsSinceStart(long nowMillis) {
        return (int) ((nowMillis - startMillis) / 1000);
    }

    void added(Shard shard, long bytes) {
        this.bytes.addAndGet(bytes);
        budget.add(bytes);
        totalItems.increment();
    }

    /** An entry got a new value: a new item for the counters, and its size changed. */
    void replaced(Shard shard, long deltaBytes) {
        grew(shard, deltaBytes);
        totalItems.increment();
    }

    /** An entry's value changed size in place (a hash gained a field). */
    void grew(Shard shard, long deltaBytes) {
        bytes.addAndGet(deltaBytes);
        budget.add(deltaBytes);
    }

    /** Unlinks an entry and books its departure; returns the bytes freed. */
    long drop(Shard shard, Entry entry, Removal why) {
        return drop(shard, entry, entry.hash(), why);
    }

    long drop(Shard shard, Entry entry, int hash, Removal why) {
        shard.remove(entry, hash);
        if (!watches.isEmpty()) {
            Watch watch = watches.get(new Bytes(entry.key()));
            if (watch != null) {
                watch.deletedAt = nextCas();
            }
        }
        long size = entry.size();
        bytes.addAndGet(-size);
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

    /** The last resort: an entry that cannot fit even alone goes too. */
    private void evictOversized(Shard shard, byte[] key, int hash, Entry written) {
        shard.lock.lock();
        try {
            if (shard.find(key, hash) == written) {
                drop(shard, written, hash, Removal.EVICTED);
            }
        } finally {
            shard.lock.unlock();
        }
    }

    /** Evicts from the shards in turn until under the limit, never the entry just written. */
    private void evictAcrossShards(long now, Entry written) {
        int start = (int) (sweepShard.get() & (SHARDS - 1));
        for (int i = 0; i < SHARDS && budget.over(); i++) {
            Shard shard = shards[(start + i) & (SHARDS - 1)];
            shard.lock.lock();
            try {
                while (budget.over() && shard.evictOne(now, written) > 0) {
                    // keep going until this shard is empty or we are under the limit
                }
            } finally {
                shard.lock.unlock();
            }
        }
    }

    static int hash(byte[] key) {
        return KeyHash.of(key, 0, key.length);
    }
}
