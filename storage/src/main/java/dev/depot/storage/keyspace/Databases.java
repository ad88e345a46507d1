package dev.depot.storage.keyspace;

import java.time.InstantSource;

/**
 * The numbered keyspaces of the process (Redis's databases; memcached lives in number 0), all
 * sharing one memory budget.
 */
public final class Databases {
    /** Redis's default number of databases. */
    public static final int COUNT = 16;

    private final Keyspace[] keyspaces = new Keyspace[COUNT];
    private final ActiveExpiry[] expiry = new ActiveExpiry[COUNT];
    private final MemoryBudget budget;

    public Databases(long maxBytes, InstantSource clock) {
        this.budget = new MemoryBudget(maxBytes);
        for (int i = 0; i < COUNT; i++) {
            keyspaces[i] = new Keyspace(budget, clock);
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

    /** One step of active expiry over every database. */
    public void expireSome() {
        for (ActiveExpiry step : expiry) {
            step.run();
        }
    }
}
