package dev.depot.storage.keyspace;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The numbered keyspaces of the process (Redis's databases; memcached lives in number 0), all
 * sharing one memory budget and one CAS sequence. Every operation that locks more than one shard
 * (EXEC, SWAPDB, the multi-key commands) takes the locks in one order, database index first and
 * shard index second, so none of them can deadlock another.
 */
public final class Databases {
    /** Redis's default number of databases. */
    public static final int COUNT = 16;

    /** A key in one database, for operations that span databases (COPY ... DB, MOVE). */
    public record Key(int db, byte[] key) {
    }

    private final Keyspace[] keyspaces = new Keyspace[COUNT];
    private final ActiveExpiry[] expiry = new ActiveExpiry[COUNT];
    private final MemoryBudget budget;

    public Databases(long maxBytes, InstantSource clock) {
        this.budget = new MemoryBudget(maxBytes);
        CasSequence cas = new CasSequence();
        long start = clock.millis();
        for (int i = 0; i < COUNT; i++) {
            keyspaces[i] = new Keyspace(budget, cas, start, clock);
            expiry[i] = new ActiveExpiry(keyspaces[i]);
        }
    }

    public Keyspace get(int index) {
        return keyspaces[index];
    }

    public int count() {
        return COUNT;
    }

    public MemoryBudget budget() {
        return budget;
    }

    /** The maxmemory-policy every database evicts under; {@link EvictionPolicy#ALLKEYS_LRU} unless changed. */
    public EvictionPolicy evictionPolicy() {
        return budget.evictionPolicy();
    }

    /** Changes the maxmemory-policy at run time (CONFIG SET); if memory is over the limit, evicts under it at once. */
    public void evictionPolicy(EvictionPolicy policy) {
        budget.evictionPolicy(policy);
    }

    /**
     * Redis's memory check before a command that may add data: evicts if over the limit, and
     * refuses the command if the policy may evict nothing.
     *
     * @throws MemoryFullException when over the limit and nothing may be evicted
     */
    public void admitWrite() {
        budget.admitWrite();
    }

    /**
     * Runs {@code op} atomically on keys that may live in different databases (see
     * {@link KeysOp}); only their shards are locked.
     */
    public <R> R executeAll(List<Key> keys, KeysOp<R> op) {
        List<KeyGroup.Member> members = new ArrayList<>(keys.size());
        for (Key k : keys) {
            members.add(new KeyGroup.Member(keyspaces[k.db()], k.db(), k.key()));
        }
        return KeyGroup.execute(members, op);
    }

    /**
     * Exchanges the contents of two databases (Redis SWAPDB), at one instant for every client of
     * either protocol: both are locked whole, the lower index first. The {@link Keyspace} objects
     * stay where they are, so whoever holds one sees the other's data from then on; memcached,
     * which works on database 0, sees its items move with a swap of database 0.
     */
    public void swap(int a, int b) {
        if (a == b) {
            return;
        }
        Keyspace first = keyspaces[Math.min(a, b)];
        Keyspace second = keyspaces[Math.max(a, b)];
        first.lockAll();
        try {
            second.lockAll();
            try {
                first.swapContents(second);
            } finally {
                second.unlockAll();
            }
        } finally {
            first.unlockAll();
        }
    }

    /**
     * Runs {@code action} with every shard of every database locked, in a fixed order: a Redis
     * transaction (EXEC) is atomic against every other client of both protocols.
     */
    public void exclusive(Runnable action) {
        for (Keyspace keyspace : keyspaces) {
            keyspace.lockAll();
        }
        try {
            action.run();
        } finally {
            for (int i = keyspaces.length - 1; i >= 0; i--) {
                keyspaces[i].unlockAll();
            }
        }
    }

    /**
     * Reports what happens to every database's keys for {@code causes} to {@code listener}
     * (null, or no causes: to nobody), replacing any earlier registration. See
     * {@link KeyspaceListener}.
     */
    public void listen(KeyspaceListener listener, Set<KeyspaceListener.Cause> causes) {
        for (int i = 0; i < COUNT; i++) {
            keyspaces[i].listen(listener, i, causes);
        }
    }

    /**
     * Empties every database (FLUSHALL), one after the other; a listener of
     * {@link KeyspaceListener.Cause#FLUSHED} hears of it once, with database -1.
     */
    public void clearAll() {
        for (Keyspace keyspace : keyspaces) {
            keyspace.clearEntries();
        }
        keyspaces[0].flushedAll();
    }

    /** One step of active expiry over every database. */
    public void expireSome() {
        for (ActiveExpiry step : expiry) {
            step.run();
        }
    }
}
