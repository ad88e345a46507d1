package dev.depot.server.it.resp;

import dev.depot.storage.keyspace.EvictionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.List;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arr;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * maxmemory policies over RESP, on daemons with a 64 KB limit, one per policy (CONFIG SET
 * maxmemory-policy is not in Depot yet, so this class always runs against Depot). The replies
 * were taken from redis-server 7.0.15 by hand, with CONFIG SET maxmemory just above its
 * used_memory: which commands get -OOM, MULTI and EXEC while memory is full, and that
 * volatile-lru takes only keys with a TTL and then refuses writes.
 */
@Timeout(30)
class RespMaxmemoryTest {
    private static final String OOM = err("OOM command not allowed when used memory > 'maxmemory'.");
    private static final String VALUE = "v".repeat(1000);

    private static RespDaemon noeviction;
    private static RespDaemon volatileLru;
    private static RespDaemon allkeysLru;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startDaemons() {
        noeviction = start(EvictionPolicy.NOEVICTION);
        volatileLru = start(EvictionPolicy.VOLATILE_LRU);
        allkeysLru = start(EvictionPolicy.ALLKEYS_LRU);
    }

    private static RespDaemon start(EvictionPolicy policy) {
        return RespDaemon.startDepot(c -> c.withMaxMemory(64 * 1024).withMaxItemSize(4096).withMaxmemoryPolicy(policy),
                java.util.Optional.empty());
    }

    @AfterAll
    static void stopDaemons() {
        for (RespDaemon d : new RespDaemon[] {noeviction, volatileLru, allkeysLru}) {
            if (d != null) {
                d.close();
            }
        }
    }

    @AfterEach
    void closeConnections() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    /** A connection to {@code daemon}, whose databases are emptied first. */
    private RespConnection connect(RespDaemon daemon) {
        daemon.flushAll();
        RespConnection c = daemon.connect();
        opened.add(c);
        return c;
    }

    /** SETs {@code prefix}0, {@code prefix}1... until one gets -OOM; returns how many were stored. */
    private static int fill(RespConnection redis, String prefix) {
        for (int i = 0; i < 1000; i++) {
            String reply = redis.call("SET", prefix + i, VALUE);
            if (!reply.equals(OK)) {
                assertEquals(OOM, reply);
                return i;
            }
        }
        throw new AssertionError("1000 KB stored under a 64 KB limit");
    }

    // ---- noeviction --------------------------------------------------------------------------

    @Test
    void commandsThatMayAddDataGetOomWhileReadsDeletesAndPopsStillRun() {
        RespConnection redis = connect(noeviction);
        redis.expect(num(2), "RPUSH", "list", "a", "b");
        int stored = fill(redis, "k");
        assertTrue(stored > 40 && stored < 64, stored + " values of 1000 bytes under 64 KB");
        redis.expect(num(stored + 1), "DBSIZE");

        for (String[] write : new String[][] {{"SET", "x", "1"}, {"INCR", "n"}, {"APPEND", "k0", "x"},
                {"LPUSH", "list", "c"}, {"SADD", "s", "m"}, {"HSET", "h", "f", "v"}, {"ZADD", "z", "1", "m"},
                {"SETEX", "x", "100", "1"}, {"MSET", "x", "1", "y", "2"}, {"GETSET", "k0", "x"},
                {"SETBIT", "x", "1", "1"}, {"SET", "k0", "v", "GET"}}) {
            redis.expect(OOM, write);
        }
        redis.expect(bulk(VALUE), "GET", "k0");
        redis.expect(bulk("a"), "LPOP", "list");
        redis.expect(num(1), "EXPIRE", "k1", "100");
        redis.expect(OK, "RENAME", "k2", "k2b");
        redis.expect(bulk(VALUE), "GETDEL", "k3");
        redis.expect(num(2), "DEL", "k4", "k5");
        redis.expect(OK, "SET", "x", "1"); // the deletes made room
    }

    @Test
    void insideMultiEveryCommandIsRefusedWhileMemoryIsFull() {
        RespConnection redis = connect(noeviction);
        fill(redis, "k");
        redis.expect(OK, "MULTI");
        redis.expect(OOM, "GET", "k0");
        redis.expect(OOM, "DEL", "k0");
        redis.expect(err("EXECABORT Transaction discarded because of previous errors."), "EXEC");
    }

    @Test
    void execIsAbortedWhenItMayAddDataAndMemoryFilledUpSinceMulti() {
        RespConnection redis = connect(noeviction);
        RespConnection other = noeviction.connect();
        opened.add(other);
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "SET", "a", "1");
        redis.expect("+QUEUED\r\n", "GET", "a");
        fill(other, "k");
        redis.expect(err("EXECABORT Transaction discarded because of: OOM command not allowed when used memory"
                + " > 'maxmemory'."), "EXEC");
        redis.expect(err("ERR EXEC without MULTI"), "EXEC");
        redis.expect(NIL, "GET", "a");
    }

    @Test
    void aTransactionThatOnlyReadsAndDeletesStillRuns() {
        RespConnection redis = connect(noeviction);
        RespConnection other = noeviction.connect();
        opened.add(other);
        redis.expect(OK, "SET", "x", "1");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "GET", "x");
        redis.expect("+QUEUED\r\n", "DEL", "x");
        fill(other, "k");
        redis.expect(arr(bulk("1"), num(1)), "EXEC");
    }

    @Test
    void jedisSeesTheOomError() {
        RespConnection redis = connect(noeviction);
        fill(redis, "k");
        try (Jedis jedis = noeviction.jedis()) {
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.set("x", "1"));
            assertEquals("OOM command not allowed when used memory > 'maxmemory'.", e.getMessage());
            assertEquals(VALUE, jedis.get("k0"));
        }
    }

    // ---- volatile-lru ------------------------------------------------------------------------

    @Test
    void volatileLruEvictsOnlyKeysWithATtlThenRefusesWrites() {
        RespConnection redis = connect(volatileLru);
        for (int i = 0; i < 10; i++) {
            redis.expect(OK, "SETEX", "t" + i, "1000", VALUE);
        }
        int stored = fill(redis, "p");
        assertTrue(stored > 40, stored + " persistent values stored");
        for (int i = 0; i < 10; i++) {
            redis.expect(num(0), "EXISTS", "t" + i);
        }
        for (int i = 0; i < stored; i++) {
            redis.expect(num(1), "EXISTS", "p" + i);
        }
        redis.expect(OOM, "SETEX", "t", "100", "x");
    }

    // ---- allkeys-lru, the default ------------------------------------------------------------

    @Test
    void theDefaultPolicyEvictsAndNeverRefuses() {
        RespConnection redis = connect(allkeysLru);
        for (int i = 0; i < 500; i++) {
            redis.expect(OK, "SET", "k" + i, VALUE);
        }
        redis.expect(bulk(VALUE), "GET", "k499");
        String memory = redis.call("INFO", "memory");
        long used = Long.parseLong(memory.replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
        assertTrue(used <= 64 * 1024, "used_memory " + used);
        long keys = Long.parseLong(redis.call("DBSIZE").trim().substring(1));
        assertTrue(keys > 40 && keys < 64, keys + " keys left of 500");
    }
}
