package dev.depot.server.it;

import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stats family over a socket: END-terminated, memcached's names, and values that add up. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StatsTest {
    private static final List<String> REQUIRED = List.of("pid", "uptime", "time", "version", "curr_connections",
            "total_connections", "cmd_get", "cmd_set", "get_hits", "get_misses", "curr_items", "total_items", "bytes",
            "evictions", "limit_maxbytes", "threads", "expired_unfetched", "evicted_unfetched");

    private TestDaemon daemon;
    private RawClient c;
    private long sent;
    private long received;

    @BeforeEach
    void start() {
        daemon = TestDaemon.start();
        c = daemon.connect();
    }

    @AfterEach
    void stop() {
        c.close();
        daemon.close();
    }

    /** Sends {@code request} and expects {@code reply}, counting the bytes both ways. */
    private void exchange(String request, String reply) {
        c.send(request);
        c.expect(reply);
        sent += request.getBytes(StandardCharsets.ISO_8859_1).length;
        received += reply.getBytes(StandardCharsets.ISO_8859_1).length;
    }

    @Test
    void generalStatsCountWhatHappened() {
        long before = System.currentTimeMillis() / 1000;
        exchange("set a 0 0 1\r\n1\r\nset b 0 0 2\r\n22\r\nset c 0 0 3\r\n333\r\n", "STORED\r\n".repeat(3));
        exchange("get a\r\n", "VALUE a 0 1\r\n1\r\nEND\r\n");
        exchange("get nope\r\n", "END\r\n");
        exchange("get b c nope2\r\n", "VALUE b 0 2\r\n22\r\nVALUE c 0 3\r\n333\r\nEND\r\n");
        exchange("delete a\r\ndelete zz\r\n", "DELETED\r\nNOT_FOUND\r\n");
        exchange("incr missing 1\r\ntouch b 0\r\ntouch zz 0\r\n", "NOT_FOUND\r\nTOUCHED\r\nNOT_FOUND\r\n");

        String request = "stats\r\n";
        Map<String, String> s = c.stats("");
        sent += request.length();
        long after = System.currentTimeMillis() / 1000;

        for (String name : REQUIRED) {
            assertTrue(s.containsKey(name), "stats lacks " + name + ": " + s.keySet());
        }
        for (Map.Entry<String, String> e : s.entrySet()) {
            if (!List.of("version", "libevent", "rusage_user", "rusage_system").contains(e.getKey())) {
                assertTrue(e.getValue().matches("\\d+"), e.getKey() + " is not a number: " + e.getValue());
            }
        }
        assertEquals(Long.toString(ProcessHandle.current().pid()), s.get("pid"), "the daemon runs in this JVM");
        assertEquals("1.6.18", s.get("version"));
        assertTrue(Long.parseLong(s.get("uptime")) < 60, s.get("uptime"));
        long time = Long.parseLong(s.get("time"));
        assertTrue(time >= before && time <= after, "time " + time + " not in [" + before + ", " + after + "]");
        assertTrue(s.get("rusage_user").matches("\\d+\\.\\d{6}"), s.get("rusage_user"));

        assertEquals("1", s.get("curr_connections"));
        assertEquals("1", s.get("total_connections"));
        assertEquals("5", s.get("cmd_get"), "one per key requested");
        assertEquals("3", s.get("get_hits"));
        assertEquals("2", s.get("get_misses"));
        assertEquals("3", s.get("cmd_set"));
        assertEquals("2", s.get("curr_items"));
        assertEquals("3", s.get("total_items"));
        assertEquals("1", s.get("delete_hits"));
        assertEquals("1", s.get("delete_misses"));
        assertEquals("1", s.get("incr_misses"));
        assertEquals("2", s.get("cmd_touch"));
        assertEquals("1", s.get("touch_hits"));
        assertEquals("1", s.get("touch_misses"));
        assertTrue(Long.parseLong(s.get("bytes")) > 0, s.get("bytes"));
        assertEquals("0", s.get("evictions"));
        assertEquals("0", s.get("expired_unfetched"));
        assertEquals("0", s.get("evicted_unfetched"));
        assertEquals(Long.toString(64L * 1024 * 1024), s.get("limit_maxbytes"));
        assertEquals(Integer.toString(daemon.config.threads()), s.get("threads"));
        assertEquals(Long.toString(sent), s.get("bytes_read"), "every byte this only client sent");
        assertEquals(Long.toString(received), s.get("bytes_written"), "every byte it received before the stats");
    }

    @Test
    void statsSettingsReflectTheConfiguration() {
        daemon.close();
        daemon = TestDaemon.start(cfg -> cfg.withMaxMemory(16L << 20).withMaxItemSize(2 << 20).withMaxConnections(77));
        c.close();
        c = daemon.connect();
        Map<String, String> s = c.stats("settings");
        assertEquals(Long.toString(16L << 20), s.get("maxbytes"));
        assertEquals("77", s.get("maxconns"));
        assertEquals(Integer.toString(daemon.port), s.get("tcpport"));
        assertEquals(Integer.toString(2 << 20), s.get("item_size_max"));
        assertEquals(Integer.toString(daemon.config.threads()), s.get("num_threads"));
        assertEquals("on", s.get("evictions"));
        assertEquals("yes", s.get("cas_enabled"));
        assertEquals("2", daemon.stats("").get("curr_connections"), "c and the connection asking");
    }

    @Test
    void statsItemsAndSlabsDescribeTheStoredItems() {
        assertEquals(Map.of(), c.stats("items"), "no items, no item classes");
        for (int i = 0; i < 5; i++) {
            exchange("set item" + i + " 0 0 10\r\n0123456789\r\n", "STORED\r\n");
        }
        Map<String, String> items = c.stats("items");
        long number = items.entrySet().stream().filter(e -> e.getKey().matches("items:\\d+:number"))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
        assertEquals(5, number, "items:<class>:number adds up to curr_items: " + items);

        Map<String, String> slabs = c.stats("slabs");
        long used = slabs.entrySet().stream().filter(e -> e.getKey().matches("\\d+:used_chunks"))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
        assertEquals(5, used, "<class>:used_chunks adds up to curr_items: " + slabs);
        assertTrue(Long.parseLong(slabs.get("active_slabs")) >= 1, slabs.toString());
        assertTrue(Long.parseLong(slabs.get("total_malloced")) > 0, slabs.toString());
    }

    @Test
    void statsResetAndUnknownSubcommand() {
        exchange("set k 0 0 1\r\nv\r\nget k\r\n", "STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n");
        c.send("stats reset\r\n");
        c.expect("RESET\r\n");
        Map<String, String> s = c.stats("");
        assertEquals("0", s.get("cmd_get"));
        assertEquals("0", s.get("get_hits"));
        assertEquals("0", s.get("cmd_set"));
        assertEquals("1", s.get("curr_items"), "reset clears counters, not data");
        c.send("stats bogus\r\n");
        c.expect("ERROR\r\n");
        c.send("version\r\n");
        c.expect("VERSION 1.6.18\r\n");
    }

    /** memcached 1.6.18 answers 0 for both after {@code stats reset} (checked against the real one). */
    @Test
    void statsResetAlsoClearsTheTotals() {
        exchange("set k 0 0 1\r\nv\r\nset j 0 0 1\r\nv\r\n", "STORED\r\nSTORED\r\n");
        daemon.stats(""); // a second connection
        c.send("stats reset\r\n");
        c.expect("RESET\r\n");
        Map<String, String> s = c.stats("");
        assertEquals("0", s.get("total_items"));
        assertEquals("0", s.get("total_connections"));
        assertEquals("2", s.get("curr_items"));
    }

    @Test
    void spymemcachedReadsTheStats() throws Exception {
        MemcachedClient spy = daemon.spyClient();
        try {
            assertTrue(spy.set("k", 0, "v").get(5, TimeUnit.SECONDS));
            Map<SocketAddress, Map<String, String>> all = spy.getStats();
            assertEquals(1, all.size());
            Map<String, String> s = all.values().iterator().next();
            for (String name : REQUIRED) {
                assertTrue(s.containsKey(name), "stats lacks " + name);
            }
            assertEquals("1", s.get("curr_items"));
            assertEquals("1", s.get("cmd_set"));
            Map<String, String> settings = spy.getStats("settings").values().iterator().next();
            assertEquals(Integer.toString(daemon.port), settings.get("tcpport"));
        } finally {
            spy.shutdown(5, TimeUnit.SECONDS);
        }
    }
}
