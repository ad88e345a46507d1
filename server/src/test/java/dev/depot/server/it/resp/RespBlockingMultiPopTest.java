package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arr;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BZPOPMIN, BZPOPMAX, BZMPOP and BLMPOP across connections: served at once or parked until a
 * write from any connection (or from EXEC) adds to a key, longest waiter first, timeouts in
 * fractions of a second, an immediate answer inside MULTI.
 */
class RespBlockingMultiPopTest extends RespTestBase {
    private static final String NULL_ARRAY = "*-1\r\n";
    private static final String WRONGTYPE = err("WRONGTYPE Operation against a key holding the wrong kind of value");

    /**
     * A new connection parked on {@code command}. The command goes after a PING in a single
     * write, and both Redis and Depot run every command of one read before they send the
     * replies; so once the PONG arrives the blocking command has been run and the client waits.
     * Waiters parked one after the other this way are queued in that order.
     */
    private RespConnection parked(String... command) {
        RespConnection c = open(daemon.connect());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(RespConnection.encode("PING"));
        both.writeBytes(RespConnection.encode(command));
        c.sendRaw(both.toByteArray());
        assertEquals("+PONG\r\n", c.reply());
        return c;
    }

    private static void expectReply(RespConnection c, String expected) {
        assertEquals(printable(expected), printable(c.reply()));
    }

    /** {@code [key, member, score]} as BZPOPMIN answers in RESP2. */
    private static String popped(String key, String member, String score) {
        return bulks(key, member, score);
    }

    @Test
    void servedAtOnceFromTheFirstKeyWithMembers() {
        redis.expect(num(3), "ZADD", "k2", "1", "a", "2", "b", "3", "c");
        redis.expect(popped("k2", "c", "3"), "BZPOPMAX", "k1", "k2", "0");
        redis.expect(popped("k2", "a", "1"), "BZPOPMIN", "k1", "k2", "0");
        redis.expect(arr(bulk("k2"), arr(bulks("b", "2"))), "BZMPOP", "0", "2", "k1", "k2", "MIN", "COUNT", "5");
        redis.expect(num(0), "EXISTS", "k2");
        redis.expect(num(2), "RPUSH", "l2", "a", "b");
        redis.expect(arr(bulk("l2"), bulks("b", "a")), "BLMPOP", "0", "2", "l1", "l2", "RIGHT", "COUNT", "5");
    }

    @Test
    void wokenByAnAddFromAnotherConnection() {
        RespConnection waiter = parked("BZPOPMIN", "k1", "k2", "5");
        redis.expect(num(1), "ZADD", "k2", "1", "x");
        expectReply(waiter, popped("k2", "x", "1"));
        redis.expect(num(0), "EXISTS", "k2");
    }

    @Test
    void multiPopWaitsForCountMembersFromEitherEnd() {
        RespConnection zsets = parked("BZMPOP", "0", "1", "k", "MAX", "COUNT", "2");
        RespConnection lists = parked("BLMPOP", "0", "2", "l1", "l2", "RIGHT", "COUNT", "2");
        redis.expect(num(3), "ZADD", "k", "1", "a", "2", "b", "3", "c");
        expectReply(zsets, arr(bulk("k"), arr(bulks("c", "3"), bulks("b", "2"))));
        redis.expect(num(3), "RPUSH", "l2", "a", "b", "c");
        expectReply(lists, arr(bulk("l2"), bulks("c", "b")));
        redis.expect(bulks("a"), "LRANGE", "l2", "0", "-1");
    }

    @Test
    void theLongestWaiterIsServedFirst() {
        RespConnection first = parked("BZPOPMIN", "k", "5");
        RespConnection second = parked("BZPOPMIN", "k", "5");
        redis.expect(num(1), "ZADD", "k", "1", "x");
        expectReply(first, popped("k", "x", "1"));
        redis.expect(num(1), "ZADD", "k", "2", "y");
        expectReply(second, popped("k", "y", "2")); // its first reply: x went to the other one
    }

    @Test
    void oneAddWithSeveralMembersServesSeveralWaitersInOrder() {
        RespConnection first = parked("BZPOPMAX", "k", "5");
        RespConnection second = parked("BZMPOP", "5", "1", "k", "MAX", "COUNT", "2");
        RespConnection third = parked("BZPOPMAX", "k", "5");
        redis.expect(num(4), "ZADD", "k", "1", "a", "2", "b", "3", "c", "4", "d");
        expectReply(first, popped("k", "d", "4"));
        expectReply(second, arr(bulk("k"), arr(bulks("c", "3"), bulks("b", "2"))));
        expectReply(third, popped("k", "a", "1"));
    }

    @Test
    void listMultiPopWaitersQueueInOrderToo() {
        RespConnection first = parked("BLMPOP", "5", "1", "l", "LEFT");
        RespConnection second = parked("BLMPOP", "5", "1", "l", "LEFT");
        redis.expect(num(1), "RPUSH", "l", "one");
        expectReply(first, arr(bulk("l"), bulks("one")));
        redis.expect(num(1), "RPUSH", "l", "two");
        expectReply(second, arr(bulk("l"), bulks("two")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BZPOPMIN k 0.2", "BZMPOP 0.2 1 k MIN", "BLMPOP 0.2 1 k LEFT"})
    void timeoutsInFractionsOfASecond(String command) {
        long started = System.nanoTime();
        redis.expect(NULL_ARRAY, command.split(" "));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 190 && tookMillis < 1500, "took " + tookMillis + " ms");
    }

    @Test
    void aTimedOutWaiterLeavesTheQueue() {
        redis.expect(NULL_ARRAY, "BZPOPMIN", "k", "0.05");
        RespConnection waiter = parked("BZPOPMIN", "k", "5");
        redis.expect(num(1), "ZADD", "k", "1", "x");
        expectReply(waiter, popped("k", "x", "1"));
    }

    @Test
    void resp3Shapes() {
        redis.call("HELLO", "3");
        redis.expect("_\r\n", "BZPOPMIN", "k", "0.01");
        redis.expect("_\r\n", "BZMPOP", "0.01", "1", "k", "MIN");
        redis.expect("_\r\n", "BLMPOP", "0.01", "1", "l", "LEFT");
        redis.expect(num(2), "ZADD", "k", "1", "a", "2", "b");
        redis.expect(arr(bulk("k"), bulk("a"), ",1\r\n"), "BZPOPMIN", "k", "0");
        redis.expect(arr(bulk("k"), arr(arr(bulk("b"), ",2\r\n"))), "BZMPOP", "0", "1", "k", "MIN");
    }

    @Test
    void wokenByWritesInsideExec() {
        RespConnection waiter = parked("BZPOPMIN", "k", "5");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "ZADD", "k", "1", "a");
        redis.expect("+QUEUED\r\n", "ZADD", "k", "2", "b");
        redis.expect(arr(num(1), num(1)), "EXEC");
        expectReply(waiter, popped("k", "a", "1"));
        redis.expect(num(1), "ZCARD", "k");
    }

    @Test
    void aMemberAddedAndRemovedInOneExecWakesNobody() {
        RespConnection waiter = parked("BZPOPMIN", "k", "5");
        redis.expect(OK, "MULTI");
        redis.expect("+QUEUED\r\n", "ZADD", "k", "1", "a");
        redis.expect("+QUEUED\r\n", "DEL", "k");
        redis.expect(arr(num(1), num(1)), "EXEC");
        redis.expect(num(1), "ZADD", "k", "3", "c");
        expectReply(waiter, popped("k", "c", "3")); // not a: it was gone when EXEC ended
    }

    @Test
    void insideMultiTheyAnswerAtOnce() {
        redis.expect(num(1), "ZADD", "z", "1", "a");
        redis.expect(OK, "MULTI");
        for (String command : List.of("BZPOPMIN missing 0", "BZMPOP 0 1 missing MIN", "BLMPOP 0 1 missing LEFT",
                "BZPOPMAX z 0")) {
            redis.expect("+QUEUED\r\n", command.split(" "));
        }
        redis.expect(arr(NULL_ARRAY, NULL_ARRAY, NULL_ARRAY, popped("z", "a", "1")), "EXEC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZINCRBY k 1 m", "ZADD k 1 m", "ZUNIONSTORE k 1 src", "ZINTERSTORE k 1 src",
            "ZDIFFSTORE k 1 src", "ZRANGESTORE k src 0 -1"})
    void wokenByEveryWriteThatAddsMembers(String write) {
        redis.expect(num(1), "ZADD", "src", "1", "m");
        RespConnection waiter = parked("BZPOPMIN", "k", "5");
        String reply = redis.call(write.split(" "));
        assertTrue(reply.equals(num(1)) || reply.equals(bulk("1")), () -> write + " answered " + printable(reply));
        expectReply(waiter, popped("k", "m", "1"));
    }

    @Test
    void listAndSortedSetWaitersDoNotWakeEachOther() {
        RespConnection listWaiter = parked("BLPOP", "k", "5");
        RespConnection zsetWaiter = parked("BZPOPMIN", "k", "5");
        redis.expect(num(1), "ZADD", "k", "1", "x");
        expectReply(zsetWaiter, popped("k", "x", "1")); // the older list waiter is passed over
        redis.expect(num(1), "LPUSH", "k", "v");
        expectReply(listWaiter, bulks("k", "v"));
    }

    @Test
    void anAddInAnotherDatabaseDoesNotCount() {
        RespConnection waiter = parked("BZPOPMIN", "k", "5");
        redis.expect(OK, "SELECT", "1");
        redis.expect(num(1), "ZADD", "k", "1", "other-db");
        redis.expect(OK, "SELECT", "0");
        redis.expect(num(1), "ZADD", "k", "2", "this-db");
        expectReply(waiter, popped("k", "this-db", "2"));
    }

    @Test
    void commandsBehindAParkedOneWaitForIt() {
        RespConnection waiter = parked("BZPOPMIN", "k", "5");
        waiter.send("ECHO", "after");
        redis.expect(num(1), "ZADD", "k", "1", "x");
        expectReply(waiter, popped("k", "x", "1"));
        expectReply(waiter, bulk("after"));
    }

    @Test
    void argumentErrorsInRedisOrder() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(WRONGTYPE, "BZPOPMIN", "str", "0");
        redis.expect(WRONGTYPE, "BZPOPMAX", "missing", "str", "0");
        redis.expect(WRONGTYPE, "BZMPOP", "0", "2", "str", "missing", "MIN");
        redis.expect(WRONGTYPE, "BLMPOP", "0", "1", "str", "LEFT");
        String notAFloat = err("ERR timeout is not a float or out of range");
        String negative = err("ERR timeout is negative");
        redis.expect(notAFloat, "BZPOPMIN", "str", "x"); // the timeout before the keys
        redis.expect(notAFloat, "BZMPOP", "x", "1", "str", "MIN");
        redis.expect(notAFloat, "BLMPOP", "nan", "1", "str", "LEFT");
        redis.expect(err("ERR numkeys should be greater than 0"), "BZMPOP", "x", "0", "k", "MIN"); // numkeys first
        redis.expect(syntaxError(), "BZMPOP", "x", "1", "k", "foo");
        redis.expect(err("ERR count should be greater than 0"), "BLMPOP", "x", "1", "k", "LEFT", "COUNT", "0");
        for (String timeout : List.of("-1", "inf", "-inf", "1e100", "9223372036854776")) {
            redis.expect(negative, "BZPOPMIN", "k", timeout);
        }
        redis.expect(negative, "BZMPOP", "inf", "1", "k", "MIN");
        redis.expect(syntaxError(), "BLMPOP", "0", "1", "k", "MIN");
        redis.expect(NULL_ARRAY, "BZPOPMIN", "k", "1e-10"); // rounded up to a millisecond
    }
}
