package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

import java.util.List;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COPY, SWAPDB, MOVE, and what RENAME/COPY/MOVE/SWAPDB do for blocked clients and WATCH. */
class RespKeyTransferTest extends RespTestBase {
    private static final String SAME = err("ERR source and destination objects are the same");
    private static final String DB_RANGE = err("ERR DB index is out of range");

    @Test
    void copyDuplicatesAStringWithItsTtl() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(num(1), "PEXPIRE", "a", "100000");
        redis.expect(num(1), "COPY", "a", "b");
        redis.expect(bulk("1"), "GET", "b");
        assertPttlWithin("b", 99_000, 100_000);
        redis.expect(num(0), "COPY", "a", "b"); // the destination exists
        redis.expect(OK, "SET", "a", "2");
        redis.expect(bulk("1"), "GET", "b");
        redis.expect(num(1), "COPY", "a", "b", "REPLACE"); // a has no TTL any more: neither has the copy
        redis.expect(bulk("2"), "GET", "b");
        redis.expect(num(-1), "TTL", "b");
        redis.expect(num(1), "COPY", "a", "b", "replace", "REPLACE");
        redis.expect(num(0), "COPY", "missing", "b");
        redis.expect(num(0), "COPY", "missing", "c", "REPLACE");
        redis.expect(num(0), "EXISTS", "c");
        try (Jedis jedis = daemon.jedis()) {
            assertTrue(jedis.copy("a", "j", false));
            assertEquals("2", jedis.get("j"));
        }
    }

    @Test
    void copyOfEachCollectionIsDeep() {
        redis.expect(num(3), "RPUSH", "l", "a", "b", "c");
        redis.expect(num(2), "HSET", "h", "f", "v", "g", "w");
        redis.expect(num(2), "SADD", "s", "x", "y");
        redis.expect(num(2), "ZADD", "z", "1", "m", "2", "n");
        for (String key : List.of("l", "h", "s", "z")) {
            redis.expect(num(1), "COPY", key, key + "2");
        }
        redis.expect(num(4), "RPUSH", "l2", "d");
        redis.expect(bulk("a"), "LPOP", "l");
        redis.expect(bulks("a", "b", "c", "d"), "LRANGE", "l2", "0", "-1");
        redis.expect(num(0), "HSET", "h2", "f", "changed");
        redis.expect(bulk("v"), "HGET", "h", "f");
        redis.expect(bulks("f", "changed", "g", "w"), "HGETALL", "h2");
        redis.expect(num(1), "SREM", "s", "x");
        redis.expect(num(2), "SCARD", "s2");
        redis.expect(num(1), "SISMEMBER", "s2", "x");
        redis.expect(bulk("5"), "ZINCRBY", "z2", "4", "m");
        redis.expect(bulks("m", "1", "n", "2"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
        redis.expect(bulks("n", "2", "m", "5"), "ZRANGE", "z2", "0", "-1", "WITHSCORES");
        redis.expect("+zset\r\n", "TYPE", "z2");
        // REPLACE puts a value of another type over the destination
        redis.expect(num(1), "COPY", "h", "l2", "REPLACE");
        redis.expect("+hash\r\n", "TYPE", "l2");
    }

    @Test
    void copyToAnotherDatabase() {
        RespConnection other = open(daemon.connect());
        redis.expect(OK, "SET", "a", "1", "EX", "100");
        redis.expect(num(1), "COPY", "a", "a", "DB", "1");
        redis.expect(num(0), "COPY", "a", "a", "DB", "1");
        redis.expect(num(1), "COPY", "a", "b", "DB", "1", "REPLACE");
        other.expect(OK, "SELECT", "1");
        other.expect(bulk("1"), "GET", "a");
        other.expect(num(100), "TTL", "a");
        other.expect(bulk("1"), "GET", "b");
        redis.expect(num(0), "EXISTS", "b");
        redis.expect(num(1), "COPY", "a", "c", "db", "0"); // the current database named explicitly
        redis.expect(bulk("1"), "GET", "c");
    }

    @Test
    void copyArgumentErrors() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(SAME, "COPY", "a", "a");
        redis.expect(SAME, "COPY", "missing", "missing");
        redis.expect(SAME, "COPY", "a", "a", "DB", "0");
        redis.expect(DB_RANGE, "COPY", "a", "a", "DB", "16");
        redis.expect(DB_RANGE, "COPY", "a", "a", "DB", "-1");
        redis.expect(DB_RANGE, "COPY", "a", "b", "DB", "99", "FOO"); // options are read in order
        redis.expect(notAnInteger(), "COPY", "a", "a", "DB", "x");
        redis.expect(syntaxError(), "COPY", "a", "b", "FOO");
        redis.expect(syntaxError(), "COPY", "a", "b", "FOO", "DB", "99");
        redis.expect(syntaxError(), "COPY", "a", "b", "DB");
        redis.expect(num(1), "COPY", "a", "b", "DB", "1", "DB", "2"); // the last DB wins
        redis.expect(arity("copy"), "COPY", "a");
        redis.expect(arity("copy"), "COPY");
    }

    @Test
    void moveTakesTheValueWithItsTtlToAnotherDatabase() {
        RespConnection other = open(daemon.connect());
        other.expect(OK, "SELECT", "2");
        redis.expect(num(2), "RPUSH", "l", "a", "b");
        redis.expect(num(1), "EXPIRE", "l", "100");
        redis.expect(num(1), "MOVE", "l", "2");
        redis.expect(num(0), "EXISTS", "l");
        other.expect(bulks("a", "b"), "LRANGE", "l", "0", "-1");
        other.expect(num(100), "TTL", "l");
        redis.expect(OK, "SET", "l", "here");
        redis.expect(num(0), "MOVE", "l", "2"); // taken there: nothing moves
        redis.expect(bulk("here"), "GET", "l");
        redis.expect(num(0), "MOVE", "missing", "2");
        redis.expect(SAME, "MOVE", "l", "0");
        redis.expect(SAME, "MOVE", "missing", "0");
        redis.expect(DB_RANGE, "MOVE", "l", "16");
        redis.expect(notAnInteger(), "MOVE", "l", "x");
    }

    @Test
    void swapdbExchangesTwoDatabasesForEveryConnection() {
        RespConnection inOne = open(daemon.connect());
        inOne.expect(OK, "SELECT", "1");
        redis.expect(OK, "SET", "zero", "0");
        inOne.expect(OK, "SET", "one", "1", "EX", "100");
        inOne.expect(num(1), "SADD", "set", "m");
        redis.expect(OK, "SWAPDB", "0", "1");
        redis.expect(bulk("1"), "GET", "one");
        redis.expect(num(100), "TTL", "one");
        redis.expect(num(1), "SISMEMBER", "set", "m");
        redis.expect(num(0), "EXISTS", "zero");
        redis.expect(num(2), "DBSIZE");
        inOne.expect(bulk("0"), "GET", "zero");
        inOne.expect(num(1), "DBSIZE");
        redis.expect(OK, "SWAPDB", "1", "0");
        redis.expect(bulk("0"), "GET", "zero");
        redis.expect(OK, "SWAPDB", "3", "3");
        redis.expect(bulk("0"), "GET", "zero");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.swapDB(0, 15));
            assertEquals(0, jedis.dbSize());
            jedis.select(15);
            assertEquals(List.of("zero"), jedis.scan("0", new ScanParams().match("*")).getResult());
        }
    }

    @Test
    void swapdbArgumentErrors() {
        redis.expect(err("ERR invalid first DB index"), "SWAPDB", "x", "1");
        redis.expect(err("ERR invalid first DB index"), "SWAPDB", "1.5", "0");
        redis.expect(err("ERR invalid first DB index"), "SWAPDB", "4294967296", "0");
        redis.expect(err("ERR invalid second DB index"), "SWAPDB", "0", "x");
        redis.expect(err("ERR invalid second DB index"), "SWAPDB", "99", "x");
        redis.expect(DB_RANGE, "SWAPDB", "0", "16");
        redis.expect(DB_RANGE, "SWAPDB", "-1", "0");
        redis.expect(arity("swapdb"), "SWAPDB", "0");
        redis.expect(arity("swapdb"), "SWAPDB", "0", "1", "2");
    }

    /** Depot only: memcached works on database 0, so its items leave with a swap of database 0. */
    @Test
    void swapdbMovesMemcachedItems() {
        RespConnection mc = open(daemon.memcached());
        mc.sendRaw("set item 42 0 3\r\nold\r\n").expectBytes("STORED\r\n");
        RespConnection inFive = open(daemon.connect());
        inFive.expect(OK, "SELECT", "5");
        inFive.expect(OK, "SET", "fromfive", "new");
        redis.expect(OK, "SWAPDB", "0", "5");
        mc.sendRaw("get item fromfive\r\n").expectBytes("VALUE fromfive 0 3\r\nnew\r\nEND\r\n");
        inFive.expect(bulk("old"), "GET", "item");
        redis.expect(OK, "SWAPDB", "5", "0");
        mc.sendRaw("get item\r\n").expectBytes("VALUE item 42 3\r\nold\r\nEND\r\n");
        // a memcached item keeps its flags through RENAME and COPY too
        redis.expect(OK, "RENAME", "item", "renamed");
        redis.expect(num(1), "COPY", "renamed", "copied");
        mc.sendRaw("get renamed copied\r\n")
                .expectBytes("VALUE renamed 42 3\r\nold\r\nVALUE copied 42 3\r\nold\r\nEND\r\n");
    }

    @Test
    void watchSeesASwapOfTheWatchedDatabase() {
        RespConnection other = open(daemon.connect());
        other.expect(OK, "SELECT", "1");
        other.expect(OK, "SET", "k", "in-one");
        redis.expect(OK, "WATCH", "k");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        other.expect(OK, "SWAPDB", "0", "1");
        redis.expect("*-1\r\n", "EXEC"); // k appeared in database 0

        redis.expect(OK, "SET", "k", "in-zero"); // now k exists in both databases
        redis.expect(OK, "WATCH", "k");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        other.expect(OK, "SWAPDB", "0", "1");
        redis.expect("*-1\r\n", "EXEC");

        redis.expect(OK, "WATCH", "absent-in-both");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        other.expect(OK, "SWAPDB", "0", "1");
        redis.expect("*1\r\n+PONG\r\n", "EXEC");
    }

    /** A client blocked on a key of database 0 is served when SWAPDB brings a list there. */
    @Test
    void swapdbWakesClientsBlockedOnAKeyThatNowHoldsAList() {
        RespConnection blocked = open(daemon.connect());
        RespConnection inOne = open(daemon.connect());
        inOne.expect(OK, "SELECT", "1");
        inOne.expect(num(1), "RPUSH", "q", "from-one");
        BlockedClient.start(blocked, "BLPOP", "q", "5");
        redis.expect(OK, "SWAPDB", "0", "1");
        assertEquals(printable(bulks("q", "from-one")), printable(blocked.reply()));
        redis.expect(num(0), "EXISTS", "q");
    }

    @Test
    void swapdbLeavesClientsBlockedWhenTheKeyHoldsAnotherType() {
        RespConnection blocked = open(daemon.connect());
        RespConnection inOne = open(daemon.connect());
        inOne.expect(OK, "SELECT", "1");
        inOne.expect(OK, "SET", "q", "a string");
        BlockedClient.start(blocked, "BLPOP", "q", "0.5");
        redis.expect(OK, "SWAPDB", "0", "1");
        assertEquals("*-1\r\n", blocked.reply(), "still waiting until its timeout");
        blocked.expect(bulk("a string"), "GET", "q");
    }

    @Test
    void renameCopyAndMoveOfAListWakeClientsBlockedOnTheNewName() {
        RespConnection blocked = open(daemon.connect());
        redis.expect(num(2), "RPUSH", "src", "a", "b");
        BlockedClient.start(blocked, "BLPOP", "renamed", "5");
        redis.expect(OK, "RENAME", "src", "renamed");
        assertEquals(printable(bulks("renamed", "a")), printable(blocked.reply()));

        BlockedClient.start(blocked, "BRPOP", "copied", "5");
        redis.expect(num(1), "COPY", "renamed", "copied");
        assertEquals(printable(bulks("copied", "b")), printable(blocked.reply()));
        redis.expect(bulks("b"), "LRANGE", "renamed", "0", "-1");

        blocked.expect(OK, "SELECT", "3");
        BlockedClient.start(blocked, "BLPOP", "renamed", "5");
        redis.expect(num(1), "MOVE", "renamed", "3");
        assertEquals(printable(bulks("renamed", "b")), printable(blocked.reply()));
        blocked.expect(num(0), "EXISTS", "renamed");
    }

    @Test
    void renameOfEveryTypeKeepsTheValueWhole() {
        redis.expect(num(2), "HSET", "h", "f", "v", "g", "w");
        redis.expect(num(1), "EXPIRE", "h", "100");
        redis.expect(OK, "SET", "target", "overwritten", "EX", "500");
        redis.expect(OK, "RENAME", "h", "target");
        redis.expect(bulks("f", "v", "g", "w"), "HGETALL", "target");
        redis.expect(num(100), "TTL", "target");
        redis.expect(num(0), "EXISTS", "h");
        redis.expect(num(1), "RENAMENX", "target", "t2");
        redis.expect("+hash\r\n", "TYPE", "t2");
        redis.expect(NIL, "GET", "target");
    }

    private void assertPttlWithin(String key, long low, long high) {
        String reply = redis.call("PTTL", key);
        assertTrue(reply.matches(":\\d+\r\n"), printable(reply));
        long pttl = Long.parseLong(reply.substring(1, reply.length() - 2));
        assertTrue(pttl >= low && pttl <= high, "PTTL " + key + " = " + pttl + ", expected " + low + ".." + high);
    }
}
