package dev.depot.server.it;

import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.internal.OperationFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Depot driven by spymemcached, a real Java memcached client, over the text protocol. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpymemcachedTest {
    private TestDaemon daemon;
    private MemcachedClient client;

    @BeforeEach
    void start() {
        daemon = TestDaemon.start();
        client = daemon.spyClient();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown(5, TimeUnit.SECONDS);
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void setGetAddReplaceDelete() throws Exception {
        assertNull(client.get("missing"));
        assertTrue(await(client.set("k", 0, "v1")));
        assertEquals("v1", client.get("k"));
        assertTrue(await(client.set("k", 0, "v2")), "set overwrites");
        assertEquals("v2", client.get("k"));

        assertFalse(await(client.add("k", 0, "other")), "add of an existing key");
        assertEquals("v2", client.get("k"));
        assertTrue(await(client.add("new", 0, "fresh")), "add of a new key");
        assertEquals("fresh", client.get("new"));

        assertFalse(await(client.replace("absent", 0, "x")), "replace of a missing key");
        assertNull(client.get("absent"));
        assertTrue(await(client.replace("k", 0, "v3")));
        assertEquals("v3", client.get("k"));

        assertTrue(await(client.delete("k")));
        assertNull(client.get("k"));
        assertFalse(await(client.delete("k")), "second delete");
        assertEquals("fresh", client.get("new"), "other keys untouched");
    }

    @Test
    void appendAndPrepend() throws Exception {
        assertFalse(await(client.append("none", "x")), "append to a missing key");
        assertFalse(await(client.prepend("none", "x")), "prepend to a missing key");
        assertNull(client.get("none"));

        assertTrue(await(client.set("k", 0, "middle")));
        assertTrue(await(client.append("k", "-end")));
        assertTrue(await(client.prepend("k", "start-")));
        assertEquals("start-middle-end", client.get("k"));

        // append and prepend keep the flags and the CAS moves on
        CASValue<Object> before = client.gets("k");
        assertTrue(await(client.append("k", "!")));
        CASValue<Object> after = client.gets("k");
        assertEquals("start-middle-end!", after.getValue());
        assertNotEquals(before.getCas(), after.getCas());
        assertTrue(await(client.set("n", 0, 42)), "an Integer is stored with spymemcached's integer flags");
        assertTrue(await(client.append("n", "")));
        assertEquals(42, client.get("n"), "append keeps the item's flags");
    }

    @Test
    void incrAndDecr() throws Exception {
        assertEquals(-1, client.incr("counter", 1), "incr of a missing key");
        assertEquals(-1, client.decr("counter", 1), "decr of a missing key");
        assertNull(client.get("counter"));

        assertEquals(100, client.incr("counter", 5, 100), "incr with a default creates the key");
        assertEquals(105, client.incr("counter", 5, 100));
        assertEquals(95, client.decr("counter", 10));
        assertEquals(0, client.decr("counter", 1000), "decr stops at 0");
        assertEquals(7, client.incr("counter", 7));
        assertEquals(7L, Long.parseLong(((String) client.get("counter")).trim()));

        assertTrue(await(client.set("big", 0, "18446744073709551615")));
        assertEquals(0, client.incr("big", 1), "incr wraps at 2^64");

        // decr shrinks the number in place, padded with spaces, as memcached does
        assertTrue(await(client.set("pad", 0, "100")));
        assertEquals(99, client.decr("pad", 1));
        assertEquals("99 ", client.get("pad"));
        assertEquals(100, client.incr("pad", 1));
        assertEquals("100", client.get("pad"));
    }

    @Test
    void touchExtendsAndShortensLife() throws Exception {
        assertFalse(await(client.touch("missing", 10)), "touch of a missing key");
        assertTrue(await(client.set("k", 0, "v")));
        assertTrue(await(client.touch("k", 1)));
        assertEquals("v", client.get("k"), "still there right after touch");
        Poll.until(Duration.ofMillis(2_500), "key touched with exptime 1 expires", () -> client.get("k") == null);

        assertTrue(await(client.set("long", 1, "v")));
        assertTrue(await(client.set("witness", 1, "w")));
        assertTrue(await(client.touch("long", 0)), "touch to never expire");
        Poll.until(Duration.ofMillis(2_500), "untouched twin with exptime 1 expires",
                () -> client.get("witness") == null);
        assertEquals("v", client.get("long"), "touched to exptime 0, must outlive its twin");
    }

    @Test
    void getsAndCas() throws Exception {
        assertNull(client.gets("missing"));
        assertEquals(CASResponse.NOT_FOUND, client.cas("missing", 1, "x"));

        assertTrue(await(client.set("k", 0, "one")));
        CASValue<Object> first = client.gets("k");
        assertEquals("one", first.getValue());
        assertEquals(CASResponse.OK, client.cas("k", first.getCas(), "two"));
        assertEquals("two", client.get("k"));

        CASValue<Object> second = client.gets("k");
        assertNotEquals(first.getCas(), second.getCas(), "a store changes the CAS");
        assertEquals(CASResponse.EXISTS, client.cas("k", first.getCas(), "stale"), "CAS of an older version");
        assertEquals("two", client.get("k"));

        assertTrue(await(client.set("k", 0, "three")));
        assertEquals(CASResponse.EXISTS, client.cas("k", second.getCas(), "lost"), "the set moved the CAS on");
        CASValue<Object> third = client.gets("k");
        assertEquals("three", third.getValue());
        assertEquals(CASResponse.OK, client.cas("k", third.getCas(), "four"));
        assertEquals("four", client.get("k"));
    }

    @Test
    void getBulkOf200Keys() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        List<OperationFuture<Boolean>> sets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "bulk:" + i;
            String value = "value-" + i + "-" + "x".repeat(i);
            expected.put(key, value);
            sets.add(client.set(key, 0, value));
        }
        for (OperationFuture<Boolean> set : sets) {
            assertTrue(await(set));
        }
        List<String> keys = new ArrayList<>(expected.keySet());
        for (int i = 0; i < 20; i++) {
            keys.add("bulk:missing:" + i);
        }
        Map<String, Object> bulk = client.getBulk(keys);
        assertEquals(expected, bulk);
    }

    @Test
    void binaryValuesRoundTrip() throws Exception {
        byte[] all = new byte[256 * 4 + 4];
        for (int i = 0; i < 1024; i++) {
            all[i] = (byte) i;
        }
        all[1024] = '\r';
        all[1025] = '\n';
        all[1026] = '\r';
        all[1027] = '\n';
        assertTrue(await(client.set("bin", 0, all)));
        assertArrayEquals(all, (byte[]) client.get("bin"));

        byte[] crlf = "\r\nEND\r\nVALUE x 0 1\r\n".getBytes();
        assertTrue(await(client.set("crlf", 0, crlf)));
        assertArrayEquals(crlf, (byte[]) client.get("crlf"));

        byte[] empty = new byte[0];
        assertTrue(await(client.set("empty", 0, empty)));
        assertArrayEquals(empty, (byte[]) client.get("empty"));
    }

    @Test
    void flushRemovesEverything() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertTrue(await(client.set("f" + i, 0, "v" + i)));
        }
        assertTrue(await(client.flush()));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add("f" + i);
        }
        assertEquals(Map.of(), client.getBulk(keys));
        assertEquals("0", daemon.stats("").get("curr_items"));
        assertTrue(await(client.set("after", 0, "v")));
        assertEquals("v", client.get("after"), "items stored after the flush are visible");
    }

    @Test
    void asyncOperations() throws Exception {
        int n = 1_000;
        List<OperationFuture<Boolean>> sets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sets.add(client.set("a" + i, 0, "async-" + i));
        }
        for (OperationFuture<Boolean> f : sets) {
            assertTrue(await(f), f.getKey());
        }
        List<GetFuture<Object>> gets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gets.add(client.asyncGet("a" + i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals("async-" + i, await(gets.get(i)));
        }
        assertNull(await(client.asyncGet("a-missing")));

        assertTrue(await(client.set("n", 0, "0")));
        List<OperationFuture<Long>> incrs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            incrs.add(client.asyncIncr("n", 2));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(2L * (i + 1), await(incrs.get(i)), "incr replies come back in order");
        }

        CASValue<Object> gets1 = await(client.asyncGets("a0"));
        assertEquals("async-0", gets1.getValue());
        assertEquals(CASResponse.OK, await(client.asyncCAS("a0", gets1.getCas(), "swapped")));
        assertEquals(CASResponse.EXISTS, await(client.asyncCAS("a0", gets1.getCas(), "again")));
        assertEquals("swapped", await(client.asyncGet("a0")));
        assertTrue(await(client.delete("a1")));
        assertNull(await(client.asyncGet("a1")));
    }

    /**
     * 8 threads x 2000 mixed operations, each thread on its own keys with a local model that every
     * reply is checked against, while all of them also move shared counters whose final values
     * are known exactly.
     */
    @Test
    void concurrentMixedOperations() throws Exception {
        int threads = 8;
        int opsPerThread = 2_000;
        int sharedCounters = 4;
        long counterStart = 1_000_000;
        MemcachedClient second = daemon.spyClient();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int c = 0; c < sharedCounters; c++) {
                assertTrue(await(client.set("shared:" + c, 0, Long.toString(counterStart))));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Worker>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Worker worker = new Worker(t, t % 2 == 0 ? client : second, opsPerThread, sharedCounters);
                results.add(pool.submit(() -> {
                    go.await();
                    worker.run();
                    return worker;
                }));
            }
            go.countDown();
            long[] expectedCounters = new long[sharedCounters];
            Arrays.fill(expectedCounters, counterStart);
            for (Future<Worker> result : results) {
                Worker worker = result.get(9, TimeUnit.SECONDS);
                for (int c = 0; c < sharedCounters; c++) {
                    expectedCounters[c] += worker.counterDelta[c];
                }
                // the final state of the thread's keys, read back in one multi-get
                Map<String, Object> stored = client.getBulk(worker.allKeys());
                Map<String, Object> expected = new HashMap<>(worker.model);
                for (Map.Entry<String, Long> n : worker.numbers.entrySet()) {
                    expected.put(n.getKey(), Long.toString(n.getValue()));
                }
                Map<String, Object> trimmed = new HashMap<>();
                stored.forEach((k, v) -> trimmed.put(k, worker.numbers.containsKey(k) ? ((String) v).trim() : v));
                assertEquals(expected, trimmed, "final state of thread " + worker.id);
            }
            for (int c = 0; c < sharedCounters; c++) {
                assertEquals(Long.toString(expectedCounters[c]), ((String) client.get("shared:" + c)).trim(),
                        "shared counter " + c);
            }
        } finally {
            pool.shutdownNow();
            second.shutdown(5, TimeUnit.SECONDS);
        }
    }

    /** One thread's share of {@link #concurrentMixedOperations}: a seeded op mix checked against a model. */
    private static final class Worker {
        private static final int KEYS = 40;
        private static final int NUMBERS = 5;

        final int id;
        final MemcachedClient client;
        final int ops;
        final Map<String, String> model = new HashMap<>();
        final Map<String, Long> numbers = new HashMap<>();
        final long[] counterDelta;
        private final Random random;

        Worker(int id, MemcachedClient client, int ops, int sharedCounters) {
            this.id = id;
            this.client = client;
            this.ops = ops;
            this.counterDelta = new long[sharedCounters];
            this.random = new Random(42 + id);
        }

        List<String> allKeys() {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                keys.add(key(i));
            }
            for (int i = 0; i < NUMBERS; i++) {
                keys.add(number(i));
            }
            return keys;
        }

        private String key(int i) {
            return "t" + id + ":k" + i;
        }

        private String number(int i) {
            return "t" + id + ":n" + i;
        }

        void run() throws Exception {
            for (int op = 0; op < ops; op++) {
                String key = key(random.nextInt(KEYS));
                String value = "v" + id + "-" + op + "-" + "y".repeat(random.nextInt(100));
                String current = model.get(key);
                String where = "thread " + id + " op " + op + " on " + key;
                switch (random.nextInt(10)) {
                    case 0 -> {
                        assertTrue(await(client.set(key, 0, value)), where + ": set");
                        model.put(key, value);
                    }
                    case 1, 2 -> assertEquals(current, client.get(key), where + ": get");
                    case 3 -> {
                        assertEquals(current == null, await(client.add(key, 0, value)), where + ": add");
                        if (current == null) {
                            model.put(key, value);
                        }
                    }
                    case 4 -> {
                        assertEquals(current != null, await(client.replace(key, 0, value)), where + ": replace");
                        if (current != null) {
                            model.put(key, value);
                        }
                    }
                    case 5 -> {
                        assertEquals(current != null, await(client.append(key, "+" + op)), where + ": append");
                        if (current != null) {
                            model.put(key, current + "+" + op);
                        }
                    }
                    case 6 -> {
                        assertEquals(current != null, await(client.delete(key)), where + ": delete");
                        model.remove(key);
                    }
                    case 7 -> {
                        CASValue<Object> cas = client.gets(key);
                        if (current == null) {
                            assertNull(cas, where + ": gets");
                        } else {
                            assertEquals(current, cas.getValue(), where + ": gets");
                            assertEquals(CASResponse.OK, client.cas(key, cas.getCas(), value), where + ": cas");
                            model.put(key, value);
                        }
                    }
                    case 8 -> {
                        String n = number(random.nextInt(NUMBERS));
                        long by = 1 + random.nextInt(1000);
                        Long before = numbers.get(n);
                        long expected = before == null ? 7 : before + by;
                        assertEquals(expected, client.incr(n, by, 7), "thread " + id + " op " + op + ": incr " + n);
                        numbers.put(n, expected);
                    }
                    default -> {
                        int c = random.nextInt(counterDelta.length);
                        long by = 1 + random.nextInt(10);
                        boolean incr = random.nextBoolean();
                        long result = incr ? client.incr("shared:" + c, by) : client.decr("shared:" + c, by);
                        assertTrue(result > 0, where + ": shared counter " + c + " answered " + result);
                        counterDelta[c] += incr ? by : -by;
                    }
                }
            }
        }
    }
}
