package dev.depot.server.it.resp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static dev.depot.server.it.resp.RespConnectionCommandsTest.bulkText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SLOWLOG, LATENCY, WAIT, OBJECT and MEMORY. */
class RespDiagnosticsTest extends RespTestBase {
    private static final String COUNT = err("ERR count should be greater than or equal to -1");

    @AfterEach
    void defaults() {
        redis.expect(OK, "CONFIG", "SET", "slowlog-log-slower-than", "10000", "slowlog-max-len", "128",
                "latency-monitor-threshold", "0");
        redis.expect(OK, "SLOWLOG", "RESET");
    }

    @Test
    void slowlogKeepsTheCommandsOverTheThreshold() {
        redis.expect(OK, "CONFIG", "SET", "slowlog-log-slower-than", "0");
        redis.expect(OK, "SLOWLOG", "RESET");
        redis.expect(OK, "CLIENT", "SETNAME", "slow-one");
        redis.expect(OK, "SET", "k", "v");
        // newest first: SET, CLIENT SETNAME, then the SLOWLOG RESET that ran after the reset it did
        String reply = redis.call("SLOWLOG", "GET", "2");
        Pattern entry = Pattern.compile("\\*2\r\n\\*6\r\n:(\\d+)\r\n:(\\d+)\r\n:(\\d+)\r\n"
                + "\\*3\r\n\\$3\r\nSET\r\n\\$1\r\nk\r\n\\$1\r\nv\r\n\\$\\d+\r\n" + Pattern.quote(redis.localAddress())
                + "\r\n\\$8\r\nslow-one\r\n\\*6\r\n.*CLIENT.*", Pattern.DOTALL);
        Matcher m = entry.matcher(reply);
        assertTrue(m.matches(), printable(reply));
        assertTrue(Math.abs(Long.parseLong(m.group(2)) - System.currentTimeMillis() / 1000) <= 2, m.group(2));
        redis.expect(num(4), "SLOWLOG", "LEN"); // SLOWLOG RESET, CLIENT SETNAME, SET, SLOWLOG GET
        try (Jedis jedis = daemon.jedis()) { // its own handshake (CLIENT SETINFO...) is logged first
            List<Slowlog> log = jedis.slowlogGet(10);
            assertTrue(log.stream().anyMatch(e -> e.getArgs().equals(List.of("SLOWLOG", "LEN"))), log.toString());
        }
        assertTrue(bulkCount(redis.call("SLOWLOG", "GET", "-1")) >= 6);
        redis.expect(OK, "SLOWLOG", "RESET");
        redis.expect(num(1), "SLOWLOG", "LEN"); // the RESET itself
    }

    @Test
    void slowlogLimits() {
        redis.expect(OK, "CONFIG", "SET", "slowlog-log-slower-than", "0", "slowlog-max-len", "2");
        for (int i = 0; i < 5; i++) {
            redis.expect("+PONG\r\n", "PING");
        }
        redis.expect(num(2), "SLOWLOG", "LEN");
        redis.expect(OK, "CONFIG", "SET", "slowlog-log-slower-than", "-1");
        redis.expect(OK, "SLOWLOG", "RESET");
        redis.expect("+PONG\r\n", "PING");
        redis.expect(num(0), "SLOWLOG", "LEN");
        redis.expect(COUNT, "SLOWLOG", "GET", "-2");
        redis.expect(COUNT, "SLOWLOG", "GET", "abc");
        redis.expect(arity("slowlog|len"), "SLOWLOG", "LEN", "x");
        redis.expect(arity("slowlog|reset"), "SLOWLOG", "RESET", "x");
        redis.expect(err("ERR unknown subcommand 'foo'. Try SLOWLOG HELP."), "SLOWLOG", "foo");
        redis.expect(arity("slowlog"), "SLOWLOG");
        assertTrue(redis.call("SLOWLOG", "HELP").startsWith("*"));
    }

    @Test
    void latencyWithNothingRecorded() {
        redis.expect("*0\r\n", "LATENCY", "LATEST");
        redis.expect("*0\r\n", "LATENCY", "HISTORY", "command");
        redis.expect(num(0), "LATENCY", "RESET");
        redis.expect(num(0), "LATENCY", "RESET", "command", "nope");
        assertTrue(bulkText(redis.call("LATENCY", "DOCTOR")).contains("latency-monitor-threshold"));
        redis.expect(arity("latency|history"), "LATENCY", "HISTORY");
        redis.expect(err("ERR unknown subcommand 'foo'. Try LATENCY HELP."), "LATENCY", "foo");
        assertTrue(redis.call("LATENCY", "HELP").startsWith("*"));
    }

    @Test
    void waitHasNoReplicasToWaitFor() {
        redis.expect(OK, "SET", "k", "v");
        redis.expect(num(0), "WAIT", "0", "0");
        redis.expect(num(0), "WAIT", "1", "10");
        redis.expect(RespConnection.notAnInteger(), "WAIT", "a", "0");
        redis.expect(err("ERR timeout is not an integer or out of range"), "WAIT", "0", "a");
        redis.expect(err("ERR timeout is negative"), "WAIT", "0", "-1");
        redis.expect(arity("wait"), "WAIT", "0");
    }

    /** Encodings by type and size, as redis-server names them (7.0 and 7.2 agree on these). */
    @Test
    void objectEncoding() {
        redis.expect(OK, "MSET", "int", "123", "big", "12345678901234567890", "short", "hello",
                "long", "x".repeat(45), "lead", "0123");
        redis.expect(num(2), "HSET", "hash", "f", "v", "g", "w");
        redis.expect(num(1), "HSET", "bighash", "f", "v".repeat(65));
        redis.expect(num(2), "SADD", "ints", "1", "2");
        redis.expect(num(1), "ZADD", "zset", "1", "a");
        redis.expect(num(1), "ZADD", "bigzset", "1", "m".repeat(65));
        for (String[] expected : new String[][] {{"int", "int"}, {"big", "embstr"}, {"short", "embstr"},
                {"long", "raw"}, {"lead", "embstr"}, {"hash", "listpack"}, {"bighash", "hashtable"},
                {"ints", "intset"}, {"zset", "listpack"}, {"bigzset", "skiplist"}}) {
            redis.expect(bulk(expected[1]), "OBJECT", "ENCODING", expected[0]);
        }
        redis.expect(NIL, "OBJECT", "ENCODING", "missing");
        redis.expect(num(1), "OBJECT", "REFCOUNT", "short");
        redis.expect(NIL, "OBJECT", "REFCOUNT", "missing");
        assertTrue(redis.call("OBJECT", "IDLETIME", "short").matches(":\\d+\r\n"));
        redis.expect(err("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that"
                + " when switching between policies at runtime LRU and LFU data will take some time to adjust."),
                "OBJECT", "FREQ", "short");
        redis.expect(arity("object|encoding"), "OBJECT", "ENCODING");
        redis.expect(arity("object|encoding"), "OBJECT", "ENCODING", "a", "b");
        redis.expect(err("ERR unknown subcommand 'foo'. Try OBJECT HELP."), "OBJECT", "foo", "x");
        assertTrue(redis.call("OBJECT", "HELP").startsWith("*"));
    }

    /** Redis 7.2 keeps small lists and small non-integer sets in listpacks; 7.0 does not. */
    @Test
    void objectEncodingOfRedis72() {
        daemon.assumeDepot();
        redis.expect(num(2), "RPUSH", "list", "a", "b");
        redis.expect(bulk("listpack"), "OBJECT", "ENCODING", "list");
        redis.expect(num(1), "SADD", "words", "a");
        redis.expect(bulk("listpack"), "OBJECT", "ENCODING", "words");
        redis.expect(OK, "CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        try {
            assertTrue(redis.call("OBJECT", "FREQ", "list").matches(":\\d+\r\n")); // Depot counts accesses under every policy
            redis.expect(err("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when"
                    + " switching between policies at runtime LRU and LFU data will take some time to adjust."),
                    "OBJECT", "IDLETIME", "list");
        } finally {
            redis.expect(OK, "CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        }
    }

    @Test
    void memoryUsage() {
        redis.expect(OK, "SET", "k", "value");
        String usage = redis.call("MEMORY", "USAGE", "k");
        assertTrue(usage.matches(":\\d+\r\n") && Long.parseLong(usage.substring(1, usage.length() - 2)) > 5, usage);
        redis.expect(usage, "MEMORY", "USAGE", "k", "SAMPLES", "5");
        redis.expect(NIL, "MEMORY", "USAGE", "missing");
        redis.expect(syntaxError(), "MEMORY", "USAGE", "k", "SAMPLES");
        redis.expect(syntaxError(), "MEMORY", "USAGE", "k", "foo", "1");
        redis.expect(syntaxError(), "MEMORY", "USAGE", "k", "SAMPLES", "-1");
        redis.expect(RespConnection.notAnInteger(), "MEMORY", "USAGE", "k", "SAMPLES", "abc");
        redis.expect(arity("memory|usage"), "MEMORY", "USAGE");
        redis.expect(OK, "MEMORY", "PURGE");
        redis.expect(err("ERR unknown subcommand 'foo'. Try MEMORY HELP."), "MEMORY", "foo");
    }

    @Test
    void memoryStatsAndDoctor() {
        redis.expect(OK, "SET", "k", "value");
        String stats = redis.call("MEMORY", "STATS");
        assertTrue(stats.startsWith("*") && stats.contains("$14\r\npeak.allocated\r\n:")
                && stats.contains("$10\r\nkeys.count\r\n:1\r\n"), printable(stats));
        redis.call("HELLO", "3");
        assertTrue(redis.call("MEMORY", "STATS").startsWith("%"));
        assertTrue(redis.call("MEMORY", "DOCTOR").startsWith("="));
    }

    private static int bulkCount(String reply) {
        return Integer.parseInt(reply.substring(1, reply.indexOf("\r\n")));
    }
}
