package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Java client: a large mixed pipeline, concurrent clients, the usual typed calls. */
class RespJedisTest extends RespTestBase {

    /** 1,000 commands of a dozen kinds in one pipeline; every response checked against its own expectation. */
    @Test
    void pipelineOfAThousandMixedCommands() {
        try (Jedis jedis = daemon.jedis()) {
            Pipeline p = jedis.pipelined();
            List<Response<?>> responses = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            List<Supplier<String>> what = new ArrayList<>();
            long counter = 0;
            double floatCounter = 0;
            for (int i = 0; i < 1000; i++) {
                String key = "key:" + (i / 12);
                int kind = i % 12;
                final int index = i;
                what.add(() -> "command " + index + " (kind " + kind + ")");
                switch (kind) {
                    case 0 -> { responses.add(p.set(key, "v" + i)); expected.add("OK"); }
                    case 1 -> { responses.add(p.get(key)); expected.add("v" + (i - 1)); }
                    case 2 -> { responses.add(p.append(key, "+")); expected.add((long) ("v" + (i - 2) + "+").length()); }
                    case 3 -> { responses.add(p.strlen(key)); expected.add((long) ("v" + (i - 3) + "+").length()); }
                    case 4 -> { responses.add(p.incr("counter")); expected.add(++counter); }
                    case 5 -> { responses.add(p.expire(key, 1000)); expected.add(1L); }
                    case 6 -> { responses.add(p.ttl(key)); expected.add(1000L); }
                    case 7 -> { responses.add(p.exists(key, "missing:" + i)); expected.add(1L); }
                    case 8 -> {
                        responses.add(p.set(key + ":nx", "x", SetParams.setParams().nx().px(100_000)));
                        expected.add("OK");
                    }
                    case 9 -> {
                        floatCounter += 0.5;
                        responses.add(p.incrByFloat("float", 0.5));
                        expected.add(floatCounter);
                    }
                    case 10 -> { responses.add(p.del(key + ":nx", "missing")); expected.add(1L); }
                    default -> { responses.add(p.get("missing:" + i)); expected.add(null); }
                }
            }
            p.sync();
            assertEquals(1000, responses.size());
            for (int i = 0; i < responses.size(); i++) {
                assertEquals(expected.get(i), responses.get(i).get(), what.get(i));
            }
            assertEquals(Long.toString(counter), jedis.get("counter"));
            assertEquals(84, jedis.keys("key:*").size()); // key:0 .. key:83
        }
    }

    /** Four clients incrementing one key 5,000 times each lose no increment. */
    @Test
    void concurrentIncrements() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    long last = 0;
                    try (Jedis jedis = daemon.jedis()) {
                        for (int i = 0; i < perThread; i++) {
                            long value = jedis.incr("shared");
                            if (value <= last) {
                                throw new AssertionError("INCR went from " + last + " to " + value);
                            }
                            last = value;
                        }
                    }
                    return last;
                });
            }
            long highest = 0;
            for (Future<Long> f : pool.invokeAll(tasks, 9, TimeUnit.SECONDS)) {
                highest = Math.max(highest, f.get());
            }
            assertEquals(threads * perThread, highest);
            try (Jedis jedis = daemon.jedis()) {
                assertEquals(Integer.toString(threads * perThread), jedis.get("shared"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Jedis speaking RESP3: it opens with HELLO 3 and reads RESP3 nulls and maps. */
    @Test
    void jedisOverResp3() {
        try (Jedis jedis = new Jedis(new HostAndPort(daemon.respAddress().getHostString(), daemon.respAddress().getPort()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).clientName("resp3-client")
                        .socketTimeoutMillis(RespDaemon.TIMEOUT_MILLIS).build())) {
            assertNull(jedis.get("missing"));
            assertEquals("OK", jedis.set("k", "v"));
            assertNull(jedis.set("k", "w", SetParams.setParams().nx()));
            assertEquals("v", jedis.get("k"));
            assertEquals(Arrays.asList("v", null), jedis.mget("k", "missing"));
            assertEquals(Map.of("databases", "16"), jedis.configGet("databases"));
            assertEquals("resp3-client", jedis.clientGetname());
            assertEquals(2.5, jedis.incrByFloat("f", 2.5));
        }
    }

    @Test
    void typedCallsRoundTrip() {
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.set("name", "depot"));
            assertEquals("depot", jedis.get("name"));
            assertEquals("OK", jedis.psetex("p", 100_000, "v"));
            long pttl = jedis.pttl("p");
            assertTrue(pttl > 99_000 && pttl <= 100_000, "pttl " + pttl);
            assertEquals(1, jedis.persist("p"));
            assertEquals(-1, jedis.ttl("p"));
            assertEquals(1, jedis.expireAt("p", 4102444800L));
            assertEquals(4102444800L, jedis.expireTime("p"));
            assertEquals(4102444800000L, jedis.pexpireTime("p"));
            assertEquals(2, jedis.exists("name", "p"));
            assertEquals(2, jedis.touch("name", "p", "missing"));
            assertEquals(1, jedis.renamenx("p", "q"));
            assertEquals(2, jedis.unlink("name", "q"));
            assertEquals(-2, jedis.ttl("name"));
            jedis.set("h", "hello");
            assertEquals("ell", jedis.substr("h", 1, 3));
            assertEquals(2, jedis.time().size());
        }
    }
}
