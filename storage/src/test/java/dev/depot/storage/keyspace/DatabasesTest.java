package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Sixteen databases, one memory budget, one lock order across them (multi-key operations, SWAPDB, EXEC). */
class DatabasesTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void everyDatabaseIsItsOwnKeyspace() {
        Databases dbs = new Databases(1 << 20, clock);
        assertEquals(16, dbs.count());
        put(dbs.get(0), b("k"), b("zero"));
        put(dbs.get(15), b("k"), b("fifteen"));
        assertEquals("zero", s(peek(dbs.get(0), b("k"))));
        assertEquals("fifteen", s(peek(dbs.get(15), b("k"))));
        assertNull(peek(dbs.get(1), b("k")));
    }

    @Test
    void theBudgetCountsEveryDatabase() {
        Databases dbs = new Databases(1 << 20, clock);
        put(dbs.get(0), b("a"), value(100, 'a'));
        put(dbs.get(3), b("b"), value(100, 'b'));
        long each = stringEntrySize(1, 100);
        assertEquals(2 * each, dbs.budget().used());
        assertEquals(each, dbs.get(0).bytes());
        assertEquals(each, dbs.get(3).bytes());
        assertTrue(delete(dbs.get(3), b("b")));
        assertEquals(each, dbs.budget().used());
    }

    @Test
    void aWriteOverTheLimitEvictsFromTheLargestOtherDatabase() {
        long each = stringEntrySize(6, 100);
        Databases dbs = new Databases(10 * each + each / 2, clock);
        for (int i = 0; i < 10; i++) {
            put(dbs.get(0), b("key-0" + i), value(100, 'x'));
        }
        assertEquals(10 * each, dbs.budget().used());
        put(dbs.get(1), b("key-10"), value(100, 'y')); // database 1 has nothing else to give
        assertTrue(exists(dbs.get(1), b("key-10")), "the value just written stays");
        assertEquals(9, dbs.get(0).stats().currItems());
        assertEquals(1, dbs.get(0).stats().evictions());
        assertTrue(dbs.budget().used() <= dbs.budget().max());
    }

    @Test
    void loweringTheSharedLimitEvictsDownToIt() {
        long each = stringEntrySize(6, 100);
        Databases dbs = new Databases(100 * each, clock);
        for (int i = 0; i < 20; i++) {
            put(dbs.get(i % 4), b("key-" + (10 + i)), value(100, 'x'));
        }
        dbs.budget().setMax(10 * each);
        assertTrue(dbs.budget().used() <= 10 * each);
    }

    @Test
    void swapExchangesContentsAndAccountingButNotIdentity() {
        Databases dbs = new Databases(1 << 20, clock);
        Keyspace zero = dbs.get(0);
        Keyspace five = dbs.get(5);
        put(zero, b("only-in-0"), value(10, 'a'));
        put(five, b("only-in-5"), value(20, 'b'));
        put(five, b("again-in-5"), value(30, 'c'), clock.millis() + 1000);
        long zeroBytes = zero.bytes();
        long fiveBytes = five.bytes();
        long used = dbs.budget().used();

        dbs.swap(5, 0);
        assertSame(zero, dbs.get(0), "database 0 is the same object (memcached holds it)");
        assertNull(peek(zero, b("only-in-0")));
        assertEquals(20, peek(zero, b("only-in-5")).length);
        assertEquals(clock.millis() + 1000, zero.execute(b("again-in-5"), Slot::expiresAt));
        assertEquals(10, peek(five, b("only-in-0")).length);
        assertEquals(2, zero.stats().currItems());
        assertEquals(1, five.stats().currItems());
        assertEquals(fiveBytes, zero.bytes());
        assertEquals(zeroBytes, five.bytes());
        assertEquals(used, dbs.budget().used());

        clock.advanceMillis(1000);
        assertFalse(exists(zero, b("again-in-5")), "expiry travels with the value");
        assertTrue(delete(zero, b("only-in-5")));
        assertEquals(0, zero.bytes(), "accounting continues from the swapped figures");
        dbs.swap(3, 3);
        assertEquals(0, dbs.get(3).stats().currItems());
    }

    @Test
    void everyDatabaseDrawsVersionsFromOneSequence() {
        Databases dbs = new Databases(1 << 20, clock);
        put(dbs.get(0), b("k"), b("x"));
        put(dbs.get(1), b("k"), b("y"));
        long before = dbs.get(0).version(b("k"));
        assertNotEquals(before, dbs.get(1).version(b("k")));
        dbs.swap(0, 1);
        assertNotEquals(before, dbs.get(0).version(b("k")), "a WATCH on k in database 0 sees the swap");
    }

    @Test
    void aSwapIsOneInstantForAReaderOfTwoShards() throws Exception {
        Databases dbs = new Databases(1 << 20, clock);
        List<byte[]> keys = keysInDistinctShards(2, "p");
        for (byte[] key : keys) {
            put(dbs.get(0), key, b("A"));
            put(dbs.get(1), key, b("B"));
        }
        int rounds = 3_000;
        List<Callable<String>> tasks = new ArrayList<>();
        tasks.add(() -> {
            for (int i = 0; i < rounds; i++) {
                dbs.swap(0, 1);
            }
            return "";
        });
        tasks.add(() -> {
            for (int i = 0; i < rounds * 10; i++) {
                String seen = dbs.get(0).executeAll(keys, slots -> s(slots.get(0).bytes()) + s(slots.get(1).bytes()));
                if (!seen.equals("AA") && !seen.equals("BB")) {
                    return seen;
                }
            }
            return "";
        });
        assertEquals("", Together.run(Duration.ofSeconds(30), tasks).get(1), "a reader saw half a swap");
    }

    @Test
    void keysOfSeveralDatabasesAreLockedDatabaseFirst() throws Exception {
        Databases dbs = new Databases(1 << 20, clock);
        byte[] key = b("x");
        ReentrantLock inOne = dbs.get(1).shard(shardOf(key)).lock;
        ReentrantLock inZero = dbs.get(0).shard(shardOf(key)).lock;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = daemon(() -> dbs.get(1).execute(key, slot -> {
            holding.countDown();
            MultiKeyTest.await(release);
            return null;
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        AtomicReference<String> moved = new AtomicReference<>();
        put(dbs.get(0), key, b("v"));
        Thread group = daemon(() -> moved.set(dbs.executeAll(
                List.of(new Databases.Key(1, key), new Databases.Key(0, key)), slots -> {
                    byte[] value = slots.get(1).bytes();
                    slots.get(0).put(value, 0, 0);
                    slots.get(1).delete();
                    return s(value);
                })));
        MultiKeyTest.waitUntil(() -> inOne.hasQueuedThread(group), "the group waits for database 1");
        assertTrue(inZero.isLocked(), "database 0's shard is taken before database 1's");
        release.countDown();
        group.join(10_000);
        holder.join(10_000);
        assertEquals("v", moved.get());
        assertEquals("v", peek(dbs.get(1), "x"));
        assertFalse(exists(dbs.get(0), key));
    }

    @Test
    void multiKeyOperationsSwapsAndTransactionsTogetherNeverDeadlock() throws Exception {
        Databases dbs = new Databases(1 << 20, clock);
        List<byte[]> keys = keysInDistinctShards(4, "d");
        int rounds = 2_000;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            tasks.add(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < rounds; i++) {
                    List<Databases.Key> some = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        some.add(new Databases.Key(random.nextInt(3), keys.get(random.nextInt(keys.size()))));
                    }
                    dbs.executeAll(some, slots -> {
                        slots.forEach(slot -> slot.put(b("v"), 0, 0));
                        return null;
                    });
                }
                return null;
            });
        }
        tasks.add(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < rounds / 10; i++) {
                dbs.swap(random.nextInt(3), random.nextInt(3));
                dbs.exclusive(() -> dbs.get(2).executeAll(List.of(keys.get(3), keys.get(0)), slots -> null));
            }
            return null;
        });
        Together.run(Duration.ofSeconds(60), tasks);
        long items = 0;
        for (int db = 0; db < 3; db++) {
            items += dbs.get(db).stats().currItems();
        }
        assertTrue(items > 0 && items <= 12);
        assertEquals(items * stringEntrySize(6, 1), dbs.budget().used());
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
