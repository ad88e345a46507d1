package dev.depot.storage.keyspace;

/**
 * The background half of expiry (the other half is lazy, on access). Each run samples entries
 * in small batches and keeps going only while batches are mostly expired, within a time cap, so
 * a keyspace full of live keys costs almost nothing and one full of dead keys is cleaned fast
 * without starving clients (Redis's adaptive cycle: 25% expired means "keep going").
 */
public final class ActiveExpiry implements Runnable {
    private static final int BATCH = 64;
    private static final long DEFAULT_SLICE_NANOS = 5_000_000;

    private final Keyspace keyspace;
    private final long sliceNanos;

    public ActiveExpiry(Keyspace keyspace) {
        this(keyspace, DEFAULT_SLICE_NANOS);
    }

    public ActiveExpiry(Keyspace keyspace, long sliceNanos) {
        this.keyspace = keyspace;
        this.sliceNanos = sliceNanos;
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + sliceNanos;
        Keyspace.SweepResult step;
        do {
            step = keyspace.sweepExpired(BATCH);
        } while (step.expired() * 4 > step.seen() && System.nanoTime() < deadline);
    }
}
