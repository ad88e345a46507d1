package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static dev.depot.storage.keyspace.KeyspaceFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Keyspace.executeAll: several keys under their shard locks at once, taken in shard order. */
class MultiKeyTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final FakeClock clock = new FakeClock();
    private final Keyspace ks = new Keyspace(UNLIMITED, clock);

    @Test
    void slotsComeInTheOrderOfTheKeys() {
        List<byte[]> keys = keysInDistinctShards(3, "k");
        put(ks, keys.get(1), b("one"));
        List<String> seen = ks.executeAll(keys, slots -> {
            List<String> out = new ArrayList<>();
            for (Slot slot : slots) {
                out.add(s(slot.key()) + "=" + s(slot.bytes()));
            }
            slots.get(0).put(b("zero"), 0, 0);
            slots.get(2).put(b("two"), 0, 0);
            return out;
        });
        assertEquals(List.of(s(keys.get(0)) + "=null", s(keys.get(1)) + "=one", s(keys.get(2)) + "=null"), seen);
        assertEquals("zero", s(peek(ks, keys.get(0))));
        assertEquals("two", s(peek(ks, keys.get(2))));
    }

    @Test
    void aKeyNamedTwiceGetsOneSlot() {
        put(ks, "a", "1");
        boolean[] checks = ks.executeAll(List.of(b("a"), b("b"), b("a")), slots -> {
            boolean same = slots.get(0) == slots.get(2);
            slots.get(0).delete();
            boolean goneThroughTheOther = !slots.get(2).exists();
            slots.get(2).put(b("2"), 0, 0);
            return new boolean[] {same, goneThroughTheOther};
        });
        assertTrue(checks[0], "one slot for both mentions");
        assertTrue(checks[1], "a delete through one mention shows through the other");
        assertEquals("2", peek(ks, "a"));
        assertEquals(1, ks.stats().currItems());
        assertEquals(stringEntrySize(1, 1), ks.bytes());
    }

    @Test
    void repeatedKeysShareASlotInLargeGroupsToo() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(b("k" + i % 25)); // keys 0 to 14 twice, as new arrays each time
        }
        long distinctSlots = ks.executeAll(keys, slots -> {
            for (int i = 0; i < slots.size(); i++) {
                slots.get(i).put(b("v" + i), 0, 0);
            }
            for (int i = 25; i < 40; i++) {
                assertSame(slots.get(i - 25), slots.get(i));
            }
            return slots.stream().distinct().count();
        });
        assertEquals(25, distinctSlots);
        assertEquals(25, ks.stats().currItems());
        assertEquals("v39", peek(ks, "k14"), "the last write through a repeated key wins");
        assertEquals("v15", peek(ks, "k15"));
    }

    @Test
    void twoKeysOfOneShardAreIndependentSlots() {
        List<byte[]> keys = keysInShard(7, 2, "same");
        put(ks, keys.get(0), b("moving"));
        ks.executeAll(keys, slots -> {
            assertNotSame(slots.get(0), slots.get(1));
            slots.get(1).put(slots.get(0).bytes(), 0, 0);
            slots.get(0).delete();
            return null;
        });
        assertNull(peek(ks, keys.get(0)));
        assertEquals("moving", s(peek(ks, keys.get(1))));
        assertEquals(stringEntrySize(keys.get(1).length, 6), ks.bytes());
    }

    @Test
    void expiredKeysAreAbsent() {
        List<byte[]> keys = keysInDistinctShards(2, "e");
        put(ks, keys.get(0), b("x"), clock.millis() + 10);
        put(ks, keys.get(1), b("y"));
        clock.advanceMillis(10);
        assertEquals(List.of(false, true), ks.executeAll(keys, slots -> List.of(slots.get(0).exists(), slots.get(1).exists())));
        assertEquals(1, ks.stats().currItems());
    }

    @Test
    void aWriteOverTheLimitEvictsAfterTheLocksAreFree() {
        long each = stringEntrySize(6, 100);
        Keyspace small = new Keyspace(5 * each + each / 2, clock);
        for (int i = 0; i < 5; i++) {
            put(small, b("key-0" + i), value(100, 'x'));
        }
        List<byte[]> keys = List.of(b("key-10"), b("key-11"));
        small.executeAll(keys, slots -> {
            slots.forEach(slot -> slot.put(value(100, 'y'), 0, 0));
            return null;
        });
        assertTrue(small.bytes() <= small.maxBytes(), "back under the limit: " + small.bytes());
        assertEquals(5, small.stats().currItems());
        assertEquals(2, small.stats().evictions());
    }

    @Test
    void theLowerShardIsLockedFirstWhateverTheOrderOfTheKeys() throws Exception {
        List<byte[]> keys = keysInDistinctShards(2, "o");
        byte[] low = shardOf(keys.get(0)) < shardOf(keys.get(1)) ? keys.get(0) : keys.get(1);
        byte[] high = low == keys.get(0) ? keys.get(1) : keys.get(0);
        ReentrantLock lowLock = ks.shard(shardOf(low)).lock;
        ReentrantLock highLock = ks.shard(shardOf(high)).lock;

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> ks.execute(high, slot -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holder.setDaemon(true);
        holder.start();
        assertTrue(holding.await(10, TimeUnit.SECONDS));

        AtomicReference<Boolean> ran = new AtomicReference<>();
        Thread group = new Thread(() -> ran.set(ks.executeAll(List.of(high, low), slots -> true)));
        group.setDaemon(true);
        group.start();
        waitUntil(() -> highLock.hasQueuedThread(group), "the group waits for the high shard");
        // it asked for the high key first, yet it already holds the low shard: locks go in shard order
        assertTrue(lowLock.isLocked(), "the low shard is taken before the high one");
        assertFalse(lowLock.isHeldByCurrentThread());
        release.countDown();
        group.join(10_000);
        assertEquals(Boolean.TRUE, ran.get());
        assertFalse(lowLock.isLocked());
        assertFalse(highLock.isLocked());
    }

    @Test
    void opposingKeyOrdersUnderConcurrencyNeitherDeadlockNorLoseUpdates() throws Exception {
        List<byte[]> keys = keysInDistinctShards(4, "c");
        int perThread = 5_000;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(() -> {
                List<byte[]> mine = new ArrayList<>(keys);
                for (int i = 0; i < perThread; i++) {
                    Collections.shuffle(mine, ThreadLocalRandom.current());
                    // an increment of every key, so that a lost update would show in the totals
                    ks.executeAll(mine.subList(0, 2 + i % 3), slots -> {
                        for (Slot slot : slots) {
                            long n = slot.exists() ? Long.parseLong(s(slot.bytes())) : 0;
                            slot.put(b(Long.toString(n + 1)), 0, 0);
                        }
                        return null;
                    });
                }
                return null;
            });
        }
        Together.run(DEADLINE, tasks);
        long total = 0;
        for (byte[] key : keys) {
            total += Long.parseLong(peek(ks, s(key)));
        }
        long expected = 0;
        for (int i = 0; i < perThread; i++) {
            expected += 2 + i % 3;
        }
        assertEquals(4 * expected, total);
    }

    @Test
    void aValueMovedBackAndForthIsAlwaysUnderExactlyOneName() throws Exception {
        List<byte[]> keys = keysInDistinctShards(2, "m");
        put(ks, keys.get(0), b("token"));
        int moves = 20_000;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int direction = 0; direction < 2; direction++) {
            List<byte[]> fromTo = direction == 0 ? keys : List.of(keys.get(1), keys.get(0));
            tasks.add(() -> {
                int done = 0;
                for (int i = 0; i < moves; i++) {
                    done += ks.executeAll(fromTo, slots -> {
                        if (!slots.get(0).exists()) {
                            return 0;
                        }
                        slots.get(1).put(slots.get(0).bytes(), 0, 0);
                        slots.get(0).delete();
                        return 1;
                    });
                }
                return done;
            });
        }
        for (int r = 0; r < 2; r++) {
            tasks.add(() -> {
                for (int i = 0; i < moves; i++) {
                    int present = ks.executeAll(keys, slots -> (slots.get(0).exists() ? 1 : 0) + (slots.get(1).exists() ? 1 : 0));
                    if (present != 1) {
                        return -present - 1; // seen under both names, or under neither
                    }
                }
                return 0;
            });
        }
        List<Integer> results = Together.run(DEADLINE, tasks);
        assertEquals(0, results.get(2), "reader 1");
        assertEquals(0, results.get(3), "reader 2");
        assertEquals(1, ks.stats().currItems());
        assertEquals(stringEntrySize(keys.get(0).length, 5), ks.bytes());
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Spins until a lock's state shows what a test waits for: no latch can tell when a thread is parked on a lock. */
    static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.onSpinWait();
        }
    }
}
