package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.depot.storage.keyspace.EvictionPolicy.*;
import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What each maxmemory-policy takes when a write goes over a small budget. Keys are 8 bytes
 * ("key-0042") with 100-byte values, so every entry costs the same; a budget of N entries and a
 * half holds N. With few candidates the sampling sees them all and the order is exact; the
 * larger scenes allow for the approximation.
 */
class EvictionPolicyTest {
    private static final int VALUE = 100;
    private static final long ENTRY = stringEntrySize(8, VALUE);

    private final FakeClock clock = new FakeClock();

    private Databases databases(int entries, EvictionPolicy policy) {
        Databases dbs = new Databases(entries * ENTRY + ENTRY / 2, clock);
        dbs.evictionPolicy(policy);
        return dbs;
    }

    /** {@code prefix} and {@code i}, zero-padded to 8 bytes: "k0000042". */
    private static byte[] key(String prefix, int i) {
        return b(prefix + String.format("%0" + (8 - prefix.length()) + "d", i));
    }

    private static byte[] key(String prefix) {
        return b((prefix + "--------").substring(0, 8));
    }

    private void write(Keyspace ks, byte[] key) {
        put(ks, key, value(VALUE, 'v'));
    }

    private void writeExpiring(Keyspace ks, byte[] key, long ttlSeconds) {
        put(ks, key, value(VALUE, 'v'), clock.millis() + ttlSeconds * 1000);
    }

    // ---- names -----------------------------------------------------------------------------

    @Test
    void theNamesAreRedisNamesInTheOrderRedisListsThem() {
        assertEquals("volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu,"
                + " allkeys-random, noeviction", EvictionPolicy.configNames());
        assertEquals(Optional.of(ALLKEYS_LFU), EvictionPolicy.byConfigName("AllKeys-LFU"));
        assertEquals(Optional.empty(), EvictionPolicy.byConfigName("lru"));
        assertEquals("volatile-ttl", VOLATILE_TTL.toString());
    }

    @Test
    void theDefaultIsAllkeysLru() {
        assertEquals(ALLKEYS_LRU, new Databases(1 << 20, clock).evictionPolicy());
    }

    // ---- noeviction --------------------------------------------------------------------------

    @Test
    void noevictionKeepsEverythingAndRefusesWritesOnceOverTheLimit() {
        Databases dbs = databases(4, NOEVICTION);
        Keyspace db = dbs.get(0);
        for (int i = 0; i < 5; i++) {
            dbs.admitWrite(); // under the limit before each: the fifth write crosses it and is allowed
            write(db, key("k", i));
        }
        assertEquals(5, db.stats().currItems());
        assertEquals(0, db.stats().evictions());
        assertTrue(dbs.budget().used() > dbs.budget().max());

        assertThrows(MemoryFullException.class, dbs::admitWrite);
        assertNotNull(read(db, key("k", 0)), "reads keep working");
        assertTrue(delete(db, key("k", 1)), "deletes keep working");
        dbs.admitWrite(); // back under the limit
    }

    @Test
    void loweringTheLimitUnderNoevictionEvictsNothing() {
        Databases dbs = databases(10, NOEVICTION);
        for (int i = 0; i < 5; i++) {
            write(dbs.get(0), key("k", i));
        }
        dbs.budget().setMax(2 * ENTRY);
        assertEquals(5, dbs.get(0).stats().currItems());
        assertThrows(MemoryFullException.class, dbs::admitWrite);
    }

    @Test
    void switchingFromNoevictionToAnEvictingPolicyEvictsDownToTheLimit() {
        Databases dbs = databases(3, NOEVICTION);
        for (int i = 0; i < 6; i++) {
            write(dbs.get(0), key("k", i));
        }
        dbs.evictionPolicy(ALLKEYS_LRU);
        assertEquals(ALLKEYS_LRU, dbs.evictionPolicy());
        assertTrue(dbs.budget().used() <= dbs.budget().max());
        assertEquals(3, dbs.get(0).stats().evictions());
        dbs.admitWrite();
    }

    // ---- volatile-* --------------------------------------------------------------------------

    @Test
    void volatileTtlEvictsTheSoonestExpiryAndNeverAPersistentKey() {
        Databases dbs = databases(6, VOLATILE_TTL);
        Keyspace db = dbs.get(0);
        for (int i = 0; i < 3; i++) {
            write(db, key("p", i)); // the oldest keys, but persistent
        }
        writeExpiring(db, key("t", 300), 300);
        writeExpiring(db, key("t", 100), 100);
        writeExpiring(db, key("t", 200), 200);

        write(db, key("n", 0));
        assertFalse(exists(db, key("t", 100)));
        write(db, key("n", 1));
        assertFalse(exists(db, key("t", 200)));
        write(db, key("n", 2));
        assertFalse(exists(db, key("t", 300)));
        assertEquals(3, db.stats().evictions());

        // nothing volatile is left: the next write goes over the limit and stays, the one after is refused
        dbs.admitWrite();
        write(db, key("n", 3));
        assertEquals(7, db.stats().currItems());
        assertThrows(MemoryFullException.class, dbs::admitWrite);
        for (int i = 0; i < 3; i++) {
            assertTrue(exists(db, key("p", i)), "persistent key " + i);
        }
    }

    @Test
    void volatilePoliciesPassOverPersistentKeysThatShareAShardWithVolatileOnes() {
        for (EvictionPolicy policy : List.of(VOLATILE_TTL, VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM)) {
            Databases dbs = databases(3, policy);
            Keyspace db = dbs.get(0);
            List<byte[]> keys = keysInShard(9, 4, "sh-"); // 8 bytes: "sh-00042"
            write(db, keys.get(0));
            write(db, keys.get(1));
            writeExpiring(db, keys.get(2), 100);
            clock.advanceSeconds(1);
            write(db, keys.get(3));
            assertTrue(exists(db, keys.get(0)), policy + ": persistent, least recently used, least frequent");
            assertTrue(exists(db, keys.get(1)), policy + ": persistent");
            assertFalse(exists(db, keys.get(2)), policy + ": the only key with an expiry");
        }
    }

    @Test
    void volatileLruTakesTheLeastRecentlyUsedKeyWithAnExpiry() {
        Databases dbs = databases(4, VOLATILE_LRU);
        Keyspace db = dbs.get(0);
        write(db, key("p"));
        for (int i = 0; i < 3; i++) {
            clock.advanceSeconds(1);
            writeExpiring(db, key("v", i), 1000);
        }
        clock.advanceSeconds(1);
        read(db, key("v", 0));
        clock.advanceSeconds(1);
        write(db, key("n"));
        assertTrue(exists(db, key("p")), "the least recently used key, but persistent");
        assertTrue(exists(db, key("v", 0)), "read a second ago");
        assertFalse(exists(db, key("v", 1)));
        assertTrue(exists(db, key("v", 2)));
    }

    @Test
    void volatileLfuTakesTheLeastFrequentlyUsedKeyWithAnExpiry() {
        Databases dbs = databases(4, VOLATILE_LFU);
        Keyspace db = dbs.get(0);
        write(db, key("p")); // never read, but persistent
        writeExpiring(db, key("v", 0), 1000);
        writeExpiring(db, key("v", 2), 1000);
        for (int i = 0; i < 20; i++) {
            read(db, key("v", 0));
        }
        read(db, key("v", 2)); // one read always counts while the counter is at its initial value
        clock.advanceSeconds(1);
        writeExpiring(db, key("v", 1), 1000); // the most recent, but never read
        clock.advanceSeconds(1);
        write(db, key("n"));
        assertTrue(exists(db, key("p")));
        assertTrue(exists(db, key("v", 0)));
        assertFalse(exists(db, key("v", 1)), "never read");
        assertTrue(exists(db, key("v", 2)));
    }

    @Test
    void volatileRandomTakesOnlyKeysWithAnExpiry() {
        Databases dbs = databases(20, VOLATILE_RANDOM);
        Keyspace db = dbs.get(0);
        for (int i = 0; i < 10; i++) {
            write(db, key("p", i));
            writeExpiring(db, key("v", i), 1000);
        }
        for (int i = 0; i < 10; i++) {
            dbs.admitWrite();
            write(db, key("n", i));
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(exists(db, key("p", i)), "persistent " + i);
            assertTrue(exists(db, key("n", i)), "new persistent " + i);
            assertFalse(exists(db, key("v", i)), "volatile " + i);
        }
        write(db, key("x"));
        assertThrows(MemoryFullException.class, dbs::admitWrite);
    }

    @Test
    void aKeyThatLostItsExpiryIsNoLongerACandidate() {
        Databases dbs = databases(2, VOLATILE_LRU);
        Keyspace db = dbs.get(0);
        writeExpiring(db, key("v"), 1000);
        write(db, key("p"));
        db.execute(key("v"), slot -> {
            slot.setExpiresAt(0); // PERSIST
            return null;
        });
        write(db, key("n"));
        assertEquals(3, db.stats().currItems(), "nothing volatile to evict");
        assertThrows(MemoryFullException.class, dbs::admitWrite);

        db.execute(key("n"), slot -> {
            slot.setExpiresAt(clock.millis() + 1000); // EXPIRE
            return null;
        });
        dbs.admitWrite(); // evicts it
        assertFalse(exists(db, key("n")));
        assertEquals(2, db.stats().currItems());
    }

    @Test
    void deletedAndExpiredKeysStopCountingAsCandidates() {
        Databases dbs = databases(2, VOLATILE_TTL);
        Keyspace db = dbs.get(0);
        writeExpiring(db, key("gone"), 1000);
        writeExpiring(db, key("dies"), 1);
        assertTrue(delete(db, key("gone")));
        clock.advanceSeconds(2);
        assertFalse(exists(db, key("dies"))); // lazily expired
        for (int i = 0; i < 3; i++) {
            write(db, key("p", i));
        }
        assertThrows(MemoryFullException.class, dbs::admitWrite);
    }

    // ---- allkeys-* ---------------------------------------------------------------------------

    /**
     * 300 keys; 10 hot ones read 200 times early on, then every other key read once, later: LRU
     * and LFU disagree about which matter. Then 150 new keys go in, each evicting one. (200
     * reads: the counter's step from 6 to 7 has a chance of 1 in 11 per read, so 30 reads would
     * leave a hot key as cold as the others 6% of the time.)
     */
    private Databases hotAndRecentScene(EvictionPolicy policy, List<byte[]> hot) {
        Databases dbs = databases(300, policy);
        Keyspace db = dbs.get(0);
        for (int i = 0; i < 300; i++) {
            write(db, key("k", i));
        }
        clock.advanceSeconds(1);
        for (int i = 0; i < 10; i++) {
            hot.add(key("k", i * 30));
            for (int reads = 0; reads < 200; reads++) {
                read(db, key("k", i * 30));
            }
        }
        clock.advanceSeconds(10);
        for (int i = 0; i < 300; i++) {
            if (i % 30 != 0) {
                read(db, key("k", i));
            }
        }
        clock.advanceSeconds(10);
        for (int i = 0; i < 150; i++) {
            write(db, key("n", i));
        }
        assertEquals(150, db.stats().evictions());
        assertEquals(300, db.stats().currItems());
        return dbs;
    }

    @Test
    void allkeysLfuKeepsTheFrequentlyReadKeys() {
        List<byte[]> hot = new ArrayList<>();
        Keyspace db = hotAndRecentScene(ALLKEYS_LFU, hot).get(0);
        for (byte[] key : hot) {
            assertTrue(exists(db, key), s(key));
        }
    }

    @Test
    void allkeysLruInTheSameSceneTakesTheKeysUnusedLongestFirst() {
        List<byte[]> hot = new ArrayList<>();
        Keyspace db = hotAndRecentScene(ALLKEYS_LRU, hot).get(0);
        int gone = 0;
        for (byte[] key : hot) {
            gone += exists(db, key) ? 0 : 1;
        }
        // sampling finds a given key within 150 evictions 92% of the time: about 9 go; 2 or fewer is below 1e-7
        assertTrue(gone >= 3, gone + " of the 10 keys idle longest were evicted");
    }

    @Test
    void allkeysRandomIgnoresUse() {
        Databases dbs = databases(100, ALLKEYS_RANDOM);
        Keyspace db = dbs.get(0);
        for (int i = 0; i < 100; i++) {
            write(db, key("k", i));
        }
        clock.advanceSeconds(5);
        for (int i = 0; i < 50; i++) {
            read(db, key("k", i)); // LRU would keep every one of these
        }
        for (int i = 0; i < 50; i++) {
            write(db, key("n", i));
        }
        int readAndGone = 0;
        for (int i = 0; i < 50; i++) {
            readAndGone += exists(db, key("k", i)) ? 0 : 1;
        }
        // about 20 of the 50 go; fewer than 5 has a chance far below one in a million
        assertTrue(readAndGone >= 5, readAndGone + " recently read keys evicted");
        assertEquals(50, db.stats().evictions());
        assertTrue(dbs.budget().used() <= dbs.budget().max());
    }

    @Test
    void evictionTakesFromAnyDatabase() {
        Databases dbs = databases(3, ALLKEYS_LRU);
        write(dbs.get(5), key("old"));
        clock.advanceSeconds(1);
        write(dbs.get(0), key("a"));
        write(dbs.get(0), key("b"));
        clock.advanceSeconds(1);
        write(dbs.get(0), key("c"));
        assertFalse(exists(dbs.get(5), key("old")), "database 5 held the least recently used key");
        assertEquals(1, dbs.get(5).stats().evictions());
        assertEquals(3, dbs.get(0).stats().currItems());
    }

    @Test
    void anExpiredKeyGoesFirstAndCountsAsReclaimedNotEvicted() {
        Databases dbs = databases(3, ALLKEYS_LFU);
        Keyspace db = dbs.get(0);
        write(db, key("a"));
        writeExpiring(db, key("dies"), 1);
        for (int i = 0; i < 10; i++) {
            read(db, key("dies")); // the most used, but dead soon
        }
        write(db, key("b"));
        clock.advanceSeconds(2);
        write(db, key("c"));
        assertEquals(0, db.stats().evictions());
        assertEquals(1, db.stats().reclaimed());
        assertTrue(exists(db, key("a")));
    }

    // ---- OBJECT IDLETIME / OBJECT FREQ -------------------------------------------------------

    @Test
    void idleTimeAndFrequencyAreTrackedPerKeyAndAskingIsNotAUse() {
        Keyspace db = new Databases(1 << 20, clock).get(0);
        write(db, key("k"));
        assertEquals(0, (int) db.execute(key("k"), Slot::lruIdleSeconds));
        assertEquals(LfuCounter.INITIAL, (int) db.execute(key("k"), Slot::lfuFrequency));
        clock.advanceSeconds(7);
        assertEquals(7, (int) db.execute(key("k"), Slot::lruIdleSeconds));
        assertEquals(7, (int) db.execute(key("k"), Slot::lruIdleSeconds), "asking did not count as a use");

        read(db, key("k"));
        assertEquals(0, (int) db.execute(key("k"), Slot::lruIdleSeconds));
        assertEquals(7, (int) db.execute(key("k"), Slot::idleSeconds), "memcached's la moves once a minute");
        assertEquals(LfuCounter.INITIAL + 1, (int) db.execute(key("k"), Slot::lfuFrequency));

        clock.advanceSeconds(3 * 60 + 5);
        assertEquals(LfuCounter.INITIAL + 1 - 3, (int) db.execute(key("k"), Slot::lfuFrequency), "3 idle minutes");
        assertEquals(185, (int) db.execute(key("k"), Slot::lruIdleSeconds));
        read(db, key("k")); // decays, then counts this use: at or under the initial value it always does
        assertEquals(LfuCounter.INITIAL - 1, (int) db.execute(key("k"), Slot::lfuFrequency));
    }

    @Test
    void aWriteToAnExistingKeyKeepsItsFrequency() {
        Keyspace db = new Databases(1 << 20, clock).get(0);
        write(db, key("k"));
        for (int i = 0; i < 3; i++) {
            read(db, key("k"));
        }
        int before = db.execute(key("k"), Slot::lfuFrequency);
        write(db, key("k"));
        assertTrue(db.execute(key("k"), Slot::lfuFrequency) >= before);
    }

    // ---- concurrency -------------------------------------------------------------------------

    @Test
    void evictionRunsInsideATransactionThatHoldsEveryShard() {
        Databases dbs = databases(5, ALLKEYS_LRU);
        dbs.exclusive(() -> {
            for (int i = 0; i < 20; i++) {
                write(dbs.get(i % 3), key("k", i));
            }
        });
        assertTrue(dbs.budget().used() <= dbs.budget().max());

        dbs.evictionPolicy(NOEVICTION);
        dbs.exclusive(() -> {
            for (int i = 0; i < 3; i++) {
                write(dbs.get(0), key("x", i));
            }
            assertThrows(MemoryFullException.class, dbs::admitWrite);
        });
    }

    @Test
    void writersInSeveralDatabasesNeverEvictAPersistentKeyUnderVolatilePolicies() throws Exception {
        Databases dbs = databases(1000, VOLATILE_LRU); // room for the 800 persistent keys
        List<Callable<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Keyspace db = dbs.get(t);
            writers.add(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (i % 10 == 0) {
                        write(db, key("p", i));
                    } else {
                        writeExpiring(db, key("v", i), 1000);
                    }
                    read(db, key("v", i / 2));
                }
                return null;
            });
        }
        runTogether(writers);
        long present = 0;
        for (int t = 0; t < 4; t++) {
            Keyspace db = dbs.get(t);
            for (int i = 0; i < 2000; i++) {
                if (i % 10 == 0) {
                    assertTrue(exists(db, key("p", i)), "db " + t + " persistent key " + i);
                }
                present += peek(db, key(i % 10 == 0 ? "p" : "v", i)) != null ? ENTRY : 0;
            }
        }
        assertEquals(present, dbs.budget().used(), "the accounting matches what is there");
        // a writer's last eviction may have met only busy shards and left its entry over the limit
        assertTrue(dbs.budget().used() <= dbs.budget().max() + 4 * ENTRY);
    }

    private static void runTogether(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
