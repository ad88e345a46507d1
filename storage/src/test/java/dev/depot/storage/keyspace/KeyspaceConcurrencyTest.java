package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Several threads on one keyspace: no lost update, exact accounting. Threads start together on a latch. */
class KeyspaceConcurrencyTest {
    private static final int THREADS = 4;

    private final FakeClock clock = new FakeClock();

    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** gets, then cas with what was read; retried until the cas wins. Returns the retries. */
    private static int casIncrement(Keyspace ks, byte[] key) {
        for (int retries = 0; ; retries++) {
            long[] seen = ks.execute(key, slot -> slot.exists()
                    ? new long[]{Long.parseLong(s(slot.bytes())), slot.cas()}
                    : null);
            boolean won = ks.execute(key, slot -> {
                if (seen == null) {
                    if (slot.exists()) {
                        return false; // add lost the race
                    }
                    slot.put(b("1"), 0, 0);
                    return true;
                }
                if (!slot.exists() || slot.cas() != seen[1]) {
                    return false;
                }
                slot.put(b(Long.toString(seen[0] + 1)), 0, 0);
                return true;
            });
            if (won) {
                return retries;
            }
        }
    }

    @Test
    void casStyleIncrementsFromFourThreadsLoseNothing() throws Exception {
        Keyspace ks = new Keyspace(UNLIMITED, clock);
        byte[][] keys = new byte[8][];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = b("counter:" + k);
        }
        int perThread = 20_000;
        AtomicLong retries = new AtomicLong();
        List<Callable<long[]>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                long[] mine = new long[keys.length];
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                    // mostly two hot keys, so that threads really collide
                    int k = random.nextInt(4) == 0 ? random.nextInt(keys.length) : random.nextInt(2);
                    retries.addAndGet(casIncrement(ks, keys[k]));
                    mine[k]++;
                }
                return mine;
            });
        }
        List<long[]> counts = runTogether(tasks);

        long total = 0;
        Set<Long> finalCas = new HashSet<>();
        for (int k = 0; k < keys.length; k++) {
            long expected = 0;
            for (long[] c : counts) {
                expected += c[k];
            }
            total += expected;
            long actual = Long.parseLong(s(peek(ks, keys[k])));
            assertEquals(expected, actual, "counter " + k);
            assertTrue(finalCas.add(cas(ks, keys[k])), "CAS values are unique across keys");
        }
        assertEquals((long) THREADS * perThread, total);
        KeyspaceStats stats = ks.stats();
        assertEquals(keys.length, stats.currItems());
        assertEquals(total, stats.totalItems(), "one store per successful increment");
        long bytes = 0;
        for (byte[] key : keys) {
            bytes += stringEntrySize(key.length, peek(ks, key).length);
        }
        assertEquals(bytes, stats.bytes());
    }

    @Test
    void concurrentCasValuesAreUnique() throws Exception {
        Keyspace ks = new Keyspace(UNLIMITED, clock);
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    byte[] key = b("k" + (i % 16)); // every thread writes the same 16 keys
                    mine.add(ks.execute(key, slot -> {
                        slot.put(b("t" + thread), 0, 0);
                        return slot.cas();
                    }));
                }
                return mine;
            });
        }
        Set<Long> all = new HashSet<>();
        for (List<Long> mine : runTogether(tasks)) {
            long last = 0;
            for (long cas : mine) {
                assertTrue(cas > last, "a thread sees its own CAS values increase");
                last = cas;
                assertTrue(all.add(cas), "duplicate CAS " + cas);
            }
        }
        assertEquals(THREADS * 10_000, all.size());
    }

    @Test
    void concurrentWritesUnderAMemoryLimitKeepExactAccounting() throws Exception {
        long limit = 200_000;
        Keyspace ks = new Keyspace(limit, clock);
        int keysPerThread = 5_000;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < keysPerThread; i++) {
                    byte[] key = b("t" + thread + ":" + (i % 1500));
                    put(ks, key, value(i % 200, 'z'));
                    if (i % 7 == 0) {
                        delete(ks, b("t" + ((thread + 1) % THREADS) + ":" + (i % 1500)));
                    }
                    if (i % 5 == 0) {
                        read(ks, key);
                    }
                }
                return null;
            });
        }
        runTogether(tasks);

        long present = 0;
        long count = 0;
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < 1500; i++) {
                byte[] key = b("t" + t + ":" + i);
                byte[] v = peek(ks, key);
                if (v != null) {
                    present += stringEntrySize(key.length, v.length);
                    count++;
                }
            }
        }
        KeyspaceStats stats = ks.stats();
        assertEquals(present, stats.bytes());
        assertEquals(count, stats.currItems());
        assertTrue(stats.bytes() <= limit, "bytes " + stats.bytes());
        assertTrue(stats.evictions() > 0);
        ks.clear();
        assertEquals(0, ks.stats().bytes());
    }
}
