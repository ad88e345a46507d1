package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The commands that read or write several keys (SMOVE, LMOVE/RPOPLPUSH, BLMOVE, the set and
 * sorted-set STORE forms, BITOP, MSET/MSETNX/MGET): which key's type is checked when, and what
 * each does when keys repeat. Their atomicity is {@link RespMultiKeyAtomicityTest}'s subject.
 */
class RespMultiKeyCommandsTest extends RespTestBase {
    private static final String WRONGTYPE = err("WRONGTYPE Operation against a key holding the wrong kind of value");

    @Test
    void smoveChecksTypesOnlyWhenTheSourceExists() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(0), "SMOVE", "missing", "str", "m");
        redis.expect(num(1), "SADD", "s", "a");
        redis.expect(WRONGTYPE, "SMOVE", "s", "str", "a");
        redis.expect(WRONGTYPE, "SMOVE", "str", "s", "a");
        redis.expect(WRONGTYPE, "SMOVE", "s", "str", "not-a-member");
        redis.expect(num(1), "SMOVE", "s", "s", "a"); // onto itself: 1 for a member, nothing changes
        redis.expect(num(0), "SMOVE", "s", "s", "zz");
        redis.expect(bulks("a"), "SMEMBERS", "s");
        redis.expect(num(0), "SMOVE", "s", "d", "zz");
        redis.expect(num(0), "EXISTS", "d");
        redis.expect(num(1), "SMOVE", "s", "d", "a");
        redis.expect(num(0), "EXISTS", "s"); // the emptied source is gone
        redis.expect(bulks("a"), "SMEMBERS", "d");
        redis.expect(arity("smove"), "SMOVE", "s", "d");
    }

    @Test
    void smoveFromAMissingSourceAnswersZeroWhateverTheDestinationHolds() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(num(1), "RPUSH", "l", "a");
        redis.expect(num(1), "ZADD", "z", "1", "a");
        for (String destination : new String[] {"str", "h", "l", "z", "missing2", "missing"}) {
            redis.expect(num(0), "SMOVE", "missing", destination, "a");
        }
        redis.expect(WRONGTYPE, "SMOVE", "str", "missing", "a"); // an existing source is checked first
        redis.expect(WRONGTYPE, "SMOVE", "h", "h", "a");
        redis.expect(num(0), "EXISTS", "missing");
    }

    @Test
    void smoveOntoItselfKeepsTheSetAndItsExpiry() {
        redis.expect(num(2), "SADD", "s", "a", "b");
        redis.expect(num(1), "EXPIRE", "s", "1000");
        redis.expect(OK, "WATCH", "s");
        redis.expect(num(1), "SMOVE", "s", "s", "a");
        redis.expect(num(0), "SMOVE", "s", "s", "zz");
        redis.expect(num(1000), "TTL", "s");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "SCARD", "s");
        redis.expect("*1\r\n:2\r\n", "EXEC"); // nothing changed: the WATCH held
    }

    @Test
    void smoveToADestinationHoldingTheMemberChangesOnlyTheSource() {
        redis.expect(num(2), "SADD", "s", "a", "b");
        redis.expect(num(1), "SADD", "d", "a");
        redis.expect(OK, "WATCH", "d");
        redis.expect(num(1), "SMOVE", "s", "d", "a");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "SCARD", "d");
        redis.expect("*1\r\n:1\r\n", "EXEC"); // the destination did not change: the WATCH held
        redis.expect(bulks("b"), "SMEMBERS", "s");
        redis.expect(OK, "WATCH", "s");
        redis.expect(num(1), "SMOVE", "s", "d", "b");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "SCARD", "d");
        redis.expect("*-1\r\n", "EXEC"); // the source did
    }

    @Test
    void lmoveChecksTheDestinationOnlyWhenTheSourceHasAnElement() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(NIL, "LMOVE", "missing", "str", "LEFT", "RIGHT");
        redis.expect(NIL, "RPOPLPUSH", "missing", "str");
        redis.expect(num(1), "RPUSH", "l", "a");
        redis.expect(WRONGTYPE, "LMOVE", "l", "str", "LEFT", "RIGHT");
        redis.expect(WRONGTYPE, "LMOVE", "str", "l", "LEFT", "RIGHT");
        redis.expect(bulks("a"), "LRANGE", "l", "0", "-1"); // nothing moved
        redis.expect(bulk("a"), "LMOVE", "l", "l", "LEFT", "RIGHT"); // a single element rotates onto itself
        redis.expect(bulks("a"), "LRANGE", "l", "0", "-1");
        redis.expect(num(3), "RPUSH", "l", "b", "c");
        redis.expect(bulk("a"), "LMOVE", "l", "l", "LEFT", "RIGHT");
        redis.expect(bulks("b", "c", "a"), "LRANGE", "l", "0", "-1");
        redis.expect(bulk("a"), "RPOPLPUSH", "l", "l2");
        redis.expect(bulk("c"), "LMOVE", "l", "l2", "RIGHT", "LEFT");
        redis.expect(bulks("c", "a"), "LRANGE", "l2", "0", "-1");
        redis.expect(bulk("b"), "LMOVE", "l", "l2", "LEFT", "RIGHT");
        redis.expect(num(0), "EXISTS", "l");
        redis.expect(bulks("c", "a", "b"), "LRANGE", "l2", "0", "-1");
        redis.expect(err("ERR syntax error"), "LMOVE", "l2", "x", "UP", "DOWN");
    }

    @Test
    void blmoveWaitsForTheSourceWhateverTheDestinationHolds() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect("*-1\r\n", "BLMOVE", "missing", "str", "LEFT", "RIGHT", "0.05"); // a timeout is a null array
        redis.expect("*-1\r\n", "BRPOPLPUSH", "missing", "str", "0.05");
        redis.expect(num(1), "RPUSH", "l", "a");
        redis.expect(WRONGTYPE, "BLMOVE", "l", "str", "LEFT", "RIGHT", "0");
        redis.expect(WRONGTYPE, "BLMOVE", "str", "l", "LEFT", "RIGHT", "0");
        redis.expect(bulk("a"), "BLMOVE", "l", "dst", "LEFT", "RIGHT", "0");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "BLMOVE", "missing", "dst", "LEFT", "RIGHT", "0");
        redis.expect("*1\r\n" + NIL, "EXEC"); // inside EXEC nothing waits: a null bulk at once
    }

    /**
     * A parked BLMOVE whose destination got another type meanwhile ends with WRONGTYPE when the
     * source gets an element, which stays in the source.
     */
    @Test
    void aParkedBlmoveEndsWithWrongtypeWhenTheDestinationChangedType() {
        RespConnection blocked = open(daemon.connect());
        BlockedClient.start(blocked, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "5");
        redis.expect(OK, "SET", "dst", "x");
        redis.expect(num(1), "RPUSH", "src", "v1");
        assertEquals(printable(WRONGTYPE), printable(blocked.reply()));
        redis.expect(bulks("v1"), "LRANGE", "src", "0", "-1");
        blocked.expect("+PONG\r\n", "PING"); // and the connection takes commands again
    }

    @Test
    void aParkedBlmoveIsServedAndWakesTheDestinationsWaiters() {
        RespConnection mover = open(daemon.connect());
        RespConnection popper = open(daemon.connect());
        BlockedClient.start(mover, "BLMOVE", "src", "dst", "RIGHT", "LEFT", "5");
        BlockedClient.start(popper, "BLPOP", "dst", "5");
        redis.expect(num(2), "RPUSH", "src", "a", "b");
        assertEquals(printable(bulk("b")), printable(mover.reply()));
        assertEquals(printable(bulks("dst", "b")), printable(popper.reply()));
        redis.expect(bulks("a"), "LRANGE", "src", "0", "-1");
    }

    @Test
    void setStoreFormsCheckEverySourceAndReplaceTheDestination() {
        redis.expect(OK, "SET", "str", "x");
        for (String command : new String[] {"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"}) {
            redis.expect(WRONGTYPE, command, "d", "missing", "str");
            redis.expect(WRONGTYPE, command, "d", "str", "missing");
        }
        redis.expect(WRONGTYPE, "SINTER", "missing", "str");
        redis.expect(WRONGTYPE, "SDIFF", "missing", "str");
        redis.expect(WRONGTYPE, "SINTERCARD", "2", "missing", "str");
        redis.expect(num(2), "SADD", "s1", "a", "b");
        redis.expect(num(2), "SADD", "s2", "b", "c");
        redis.expect(OK, "SET", "d", "old", "EX", "100");
        redis.expect(num(3), "SUNIONSTORE", "d", "s1", "s2");
        redis.expect("+set\r\n", "TYPE", "d");
        redis.expect(num(-1), "TTL", "d");
        redis.expect(num(1), "SINTERSTORE", "d", "s1", "s2");
        redis.expect(bulks("b"), "SMEMBERS", "d");
        redis.expect(num(1), "SDIFFSTORE", "d", "s1", "s2");
        redis.expect(bulks("a"), "SMEMBERS", "d");
        redis.expect(num(0), "SINTERSTORE", "d", "s1", "missing");
        redis.expect(num(0), "EXISTS", "d"); // an empty result deletes the destination
        redis.expect(num(3), "SUNIONSTORE", "s1", "s1", "s2"); // a source may be the destination
        redis.expect(num(3), "SCARD", "s1");
        redis.expect(num(0), "SDIFFSTORE", "s2", "s2", "s2", "missing");
        redis.expect(num(0), "EXISTS", "s2");
    }

    @Test
    void sortedSetStoreFormsReadTheirSourcesTogether() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(WRONGTYPE, "ZUNIONSTORE", "d", "2", "missing", "str");
        redis.expect(WRONGTYPE, "ZINTERSTORE", "d", "2", "missing", "str");
        redis.expect(num(1), "ZADD", "z", "1", "a");
        redis.expect(num(2), "SADD", "s", "a", "b");
        redis.expect(num(2), "ZUNIONSTORE", "d", "2", "z", "s", "WEIGHTS", "2", "3");
        redis.expect(bulks("b", "3", "a", "5"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        redis.expect(num(1), "ZINTERSTORE", "z", "2", "z", "s", "AGGREGATE", "MAX");
        redis.expect(bulks("a", "1"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
        redis.expect(num(0), "ZINTERSTORE", "d", "2", "z", "missing");
        redis.expect(num(0), "EXISTS", "d");
    }

    @Test
    void bitopReadsStringsOnlyAndDeletesAnEmptyResult() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(1), "SADD", "s", "m");
        redis.expect(num(1), "BITOP", "AND", "d", "missing", "str");
        redis.expect(bulk("\u0000"), "GET", "d");
        redis.expect(WRONGTYPE, "BITOP", "AND", "d", "s", "str");
        redis.expect(OK, "SET", "d", "x");
        redis.expect(num(0), "BITOP", "OR", "d", "missing");
        redis.expect(num(0), "EXISTS", "d");
        redis.expect(OK, "MSET", "b1", "ab", "b2", "A");
        redis.expect(num(2), "BITOP", "XOR", "b1", "b1", "b2"); // the destination is a source too
        redis.expect(bulk(" b"), "GET", "b1");
        redis.expect(num(1), "BITOP", "NOT", "d", "b2");
        redis.expect(bulk("\u00be"), "GET", "d");
    }

    @Test
    void msetAndMsetnxWithRepeatedKeys() {
        redis.expect(OK, "MSET", "k1", "v1", "k2", "v2", "k1", "v3");
        redis.expect("*4\r\n" + bulk("v3") + bulk("v2") + NIL + NIL, "MGET", "k1", "k2", "k3", "k1x");
        redis.expect(num(1), "SADD", "s", "m");
        redis.expect("*2\r\n" + NIL + bulk("v3"), "MGET", "s", "k1"); // another type reads as nil
        redis.expect(num(0), "MSETNX", "k3", "x", "k1", "y");
        redis.expect(NIL, "GET", "k3");
        redis.expect(num(1), "MSETNX", "k4", "x", "k5", "y", "k4", "z");
        redis.expect("*2\r\n" + bulk("z") + bulk("y"), "MGET", "k4", "k5");
        redis.expect(OK, "SET", "t", "v", "EX", "100");
        redis.expect(OK, "MSET", "t", "w");
        redis.expect(num(-1), "TTL", "t"); // MSET clears the expiry
        redis.expect(arity("mset"), "MSET", "k1");
        redis.expect(arity("msetnx"), "MSETNX", "k1", "v", "k2");
    }
}
