package dev.depot.server.it.resp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memcached items are Redis strings in database 0, and the other way round. */
class RespMemcachedInteropTest extends RespTestBase {
    private RespConnection mc;

    @BeforeEach
    void connectMemcached() {
        daemon.assumeDepot();
        mc = open(daemon.memcached());
    }

    private void mcExpect(String request, String reply) {
        mc.sendRaw(request).expectBytes(reply);
    }

    @Test
    void memcachedItemsAreRespStrings() {
        mcExpect("set k 42 0 5\r\nhello\r\n", "STORED\r\n");
        redis.expect(bulk("hello"), "GET", "k");
        redis.expect(num(5), "STRLEN", "k");
        redis.expect("+string\r\n", "TYPE", "k");
        redis.expect(num(1), "EXISTS", "k");
        redis.expect(num(-1), "TTL", "k");
        redis.expect(bulk("ll"), "GETRANGE", "k", "2", "3");
        redis.expect(num(8), "APPEND", "k", "!!!");
        mc.sendRaw("get k\r\n");
        assertTrue(mc.line().matches("VALUE k \\d+ 8"));
        mc.expectBytes("hello!!!\r\nEND\r\n");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("hello!!!", jedis.get("k"));
        }
        mcExpect("delete k\r\n", "DELETED\r\n");
        redis.expect(NIL, "GET", "k");
    }

    @Test
    void respStringsAreMemcachedItems() {
        redis.expect(OK, "SET", "r", "world");
        redis.expect(OK, "MSET", "a", "1", "b", "22");
        mcExpect("get r a b missing\r\n", "VALUE r 0 5\r\nworld\r\nVALUE a 0 1\r\n1\r\nVALUE b 0 2\r\n22\r\nEND\r\n");
        // SET over a memcached item stores flags 0
        mcExpect("set f 7 0 1\r\nx\r\n", "STORED\r\n");
        redis.expect(OK, "SET", "f", "y");
        mcExpect("get f\r\n", "VALUE f 0 1\r\ny\r\nEND\r\n");
        redis.expect(num(1), "DEL", "r");
        mcExpect("get r\r\n", "END\r\n");
        // binary values cross unchanged
        redis.expect(OK, "SET", "bin", "a\r\nb\u0000\u00ff");
        mcExpect("get bin\r\n", "VALUE bin 0 6\r\na\r\nb\u0000\u00ff\r\nEND\r\n");
    }

    /** A RESP write is a new version of the item: a memcached cas with the unique seen before it fails. */
    @Test
    void respWritesChangeTheCasUnique() {
        mcExpect("set k 0 0 1\r\na\r\n", "STORED\r\n");
        long unique = casUnique("k");
        redis.expect(OK, "SET", "k", "b");
        mcExpect("cas k 0 0 1 " + unique + "\r\nc\r\n", "EXISTS\r\n");
        unique = casUnique("k");
        redis.expect(num(2), "APPEND", "k", "x");
        mcExpect("cas k 0 0 1 " + unique + "\r\nc\r\n", "EXISTS\r\n");
        redis.expect(bulk("bx"), "GET", "k");
        unique = casUnique("k");
        mcExpect("cas k 0 0 1 " + unique + "\r\nc\r\n", "STORED\r\n");
        redis.expect(bulk("c"), "GET", "k");
        unique = casUnique("k");
        redis.expect(num(1), "DEL", "k");
        mcExpect("cas k 0 0 1 " + unique + "\r\nd\r\n", "NOT_FOUND\r\n");
    }

    private long casUnique(String key) {
        mc.sendRaw("gets " + key + "\r\n");
        String[] header = mc.line().split(" ");
        assertEquals(5, header.length, String.join(" ", header));
        long unique = Long.parseLong(header[4]);
        mc.read(Integer.parseInt(header[3]) + 2);
        assertEquals("END", mc.line());
        return unique;
    }

    @Test
    void countersAreShared() {
        mcExpect("set n 0 0 2\r\n10\r\n", "STORED\r\n");
        redis.expect(num(11), "INCR", "n");
        mcExpect("incr n 5\r\n", "16\r\n");
        redis.expect(num(6), "DECRBY", "n", "10");
        mcExpect("get n\r\n", "VALUE n 0 1\r\n6\r\nEND\r\n");
        redis.expect(OK, "SET", "c", "150");
        mcExpect("decr c 1\r\n", "149\r\n");
        redis.expect(bulk("149"), "GET", "c");
    }

    @Test
    void onlyDatabaseZeroIsShared() {
        redis.expect(OK, "SELECT", "1");
        redis.expect(OK, "SET", "d1", "x");
        mcExpect("get d1\r\n", "END\r\n");
        mcExpect("set m 0 0 1\r\nm\r\n", "STORED\r\n");
        redis.expect(NIL, "GET", "m");
        redis.expect(OK, "SELECT", "0");
        redis.expect(bulk("m"), "GET", "m");
    }

    @Test
    void memcachedExpiryIsSeenByResp() {
        mcExpect("set t 0 100 1\r\nv\r\n", "STORED\r\n");
        assertTtlWithin("t", 99, 100);
        mcExpect("touch t 500\r\n", "TOUCHED\r\n");
        assertTtlWithin("t", 499, 500);
        mcExpect("touch t 0\r\n", "TOUCHED\r\n");
        redis.expect(num(-1), "TTL", "t");
        mcExpect("gat 250 t\r\n", "VALUE t 0 1\r\nv\r\nEND\r\n");
        assertTtlWithin("t", 249, 250);
        // a short memcached expiry, watched from RESP
        mcExpect("set s 0 1 1\r\nv\r\n", "STORED\r\n");
        pollUntil(Duration.ofSeconds(4), "the memcached item to expire", () -> redis.call("EXISTS", "s").equals(num(0)),
                () -> redis.call("PTTL", "s"));
        redis.expect(num(-2), "TTL", "s");
    }

    @Test
    void respExpiryIsSeenByMemcached() {
        redis.expect(OK, "SET", "p", "v", "PX", "250");
        redis.expect(OK, "SET", "q", "v");
        redis.expect(num(1), "PEXPIRE", "q", "200");
        pollUntil(Duration.ofSeconds(3), "p and q to expire for memcached", () -> {
            mc.sendRaw("get p q\r\n");
            return mc.line().equals("END") || drainValues();
        }, () -> redis.call("PTTL", "p"));
        redis.expect(OK, "SET", "long", "v", "EX", "100");
        mcExpect("touch long 0\r\n", "TOUCHED\r\n");
        redis.expect(num(-1), "TTL", "long");
        redis.expect(num(1), "EXPIRE", "long", "-1");
        mcExpect("get long\r\n", "END\r\n");
    }

    /** After a VALUE line: skips the rest of a get reply; false, since something was still there. */
    private boolean drainValues() {
        while (true) {
            String line = mc.line();
            if (line.equals("END")) {
                return false;
            }
            assertTrue(line.startsWith("VALUE ") || line.equals("v"), printable(line));
        }
    }

    @Test
    void flushallClearsMemcachedItems() {
        mcExpect("set a 0 0 1\r\n1\r\n", "STORED\r\n");
        mcExpect("set b 3 100 1\r\n2\r\n", "STORED\r\n");
        redis.expect(OK, "SELECT", "5");
        redis.expect(OK, "SET", "c", "3");
        redis.expect(OK, "FLUSHALL");
        mcExpect("get a b\r\n", "END\r\n");
        redis.expect(num(0), "DBSIZE");
        redis.expect(OK, "SELECT", "0");
        redis.expect(num(0), "DBSIZE");
        // FLUSHDB in database 0 clears them too, FLUSHDB elsewhere does not
        mcExpect("set a 0 0 1\r\n1\r\n", "STORED\r\n");
        redis.expect(OK, "SELECT", "2");
        redis.expect(OK, "FLUSHDB");
        mcExpect("get a\r\n", "VALUE a 0 1\r\n1\r\nEND\r\n");
        redis.expect(OK, "SELECT", "0");
        redis.expect(OK, "FLUSHDB");
        mcExpect("get a\r\n", "END\r\n");
    }

    @Test
    void memcachedFlushAllClearsDatabaseZero() {
        redis.expect(OK, "MSET", "a", "1", "b", "2");
        mcExpect("flush_all\r\n", "OK\r\n");
        redis.expect(num(0), "EXISTS", "a", "b");
        redis.expect(NIL, "GET", "a");
    }

    @Test
    void renameAndKeysSeeMemcachedItems() {
        mcExpect("set user:1 0 0 3\r\nann\r\n", "STORED\r\n");
        mcExpect("set user:2 0 0 3\r\nbob\r\n", "STORED\r\n");
        redis.expect(num(2), "DBSIZE");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(java.util.Set.of("user:1", "user:2"), jedis.keys("user:*"));
        }
        redis.expect(OK, "RENAME", "user:1", "user:3");
        mcExpect("get user:1 user:3\r\n", "VALUE user:3 0 3\r\nann\r\nEND\r\n");
    }

    private void assertTtlWithin(String key, long low, long high) {
        String reply = redis.call("TTL", key);
        assertTrue(reply.matches(":\\d+\r\n"), printable(reply));
        long ttl = Long.parseLong(reply.substring(1, reply.length() - 2));
        assertTrue(ttl >= low && ttl <= high, "TTL " + key + " = " + ttl + ", expected " + low + ".." + high);
    }
}
