package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.resps.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.arr;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sorted-set commands added for issue 3: lexicographic ranges, ZRANGESTORE, the
 * ZREMRANGEBY* removals, ZUNION/ZINTER/ZDIFF and their STORE forms, ZINTERCARD, ZMPOP,
 * ZRANDMEMBER, ZSCAN, LMPOP, and the RESP3 shapes of the sorted-set replies.
 */
class RespSortedSetTest extends RespTestBase {
    private static final String WRONGTYPE = err("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final String BAD_LEX = err("ERR min or max not valid string range item");
    private static final String BAD_SCORE = err("ERR min or max is not a float");
    private static final String NULL_ARRAY = "*-1\r\n";
    private static final String EMPTY_ARRAY = "*0\r\n";

    /** A RESP2 WITHSCORES reply: member, score, member, score... */
    private static String flat(String... memberScorePairs) {
        return bulks(memberScorePairs);
    }

    /** A RESP3 [member, score] pair, the score a double. */
    private static String pair(String member, String score) {
        return arr(bulk(member), "," + score + "\r\n");
    }

    /** A RESP2 [member, score] pair, the score a bulk string. */
    private static String pair2(String member, String score) {
        return bulks(member, score);
    }

    private void lexSet() {
        redis.expect(num(7), "ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "f", "0", "g");
    }

    @Test
    void lexCountAndRanges() {
        lexSet();
        redis.expect(num(7), "ZLEXCOUNT", "z", "-", "+");
        redis.expect(num(5), "ZLEXCOUNT", "z", "[b", "[f");
        redis.expect(num(3), "ZLEXCOUNT", "z", "(b", "(f");
        redis.expect(num(0), "ZLEXCOUNT", "z", "+", "-");
        redis.expect(num(0), "ZLEXCOUNT", "z", "[z", "[a");
        redis.expect(num(0), "ZLEXCOUNT", "missing", "-", "+");
        redis.expect(bulks("b", "c"), "ZRANGEBYLEX", "z", "-", "+", "LIMIT", "1", "2");
        redis.expect(bulks("a", "b", "c"), "ZRANGEBYLEX", "z", "-", "(d");
        redis.expect(bulks("f", "e"), "ZREVRANGEBYLEX", "z", "+", "-", "LIMIT", "1", "2");
        redis.expect(bulks("e", "d", "c"), "ZREVRANGEBYLEX", "z", "[e", "(b");
        redis.expect(bulks("b", "c", "d", "e"), "ZRANGE", "z", "[b", "[e", "BYLEX");
        redis.expect(bulks("d", "c", "b"), "ZRANGE", "z", "[e", "[b", "BYLEX", "REV", "LIMIT", "1", "-1");
        redis.expect(EMPTY_ARRAY, "ZRANGE", "z", "-", "+", "BYLEX", "LIMIT", "-1", "2");
        redis.expect(bulks("d", "e", "f", "g"), "ZRANGE", "z", "-", "+", "BYLEX", "LIMIT", "3", "-5");
        redis.expect(EMPTY_ARRAY, "ZRANGE", "z", "-", "+", "BYLEX", "LIMIT", "1", "0");
        redis.expect(EMPTY_ARRAY, "ZRANGEBYLEX", "missing", "-", "+");
    }

    @Test
    void lexBoundsAndErrors() {
        lexSet();
        redis.expect(OK, "SET", "s", "x");
        for (String[] bounds : List.of(new String[]{"b", "f"}, new String[]{"[b", "f"}, new String[]{"-a", "+"},
                new String[]{"", "+"}, new String[]{"-", "++"})) {
            redis.expect(BAD_LEX, "ZLEXCOUNT", "z", bounds[0], bounds[1]);
            redis.expect(BAD_LEX, "ZRANGEBYLEX", "z", bounds[0], bounds[1]);
            redis.expect(BAD_LEX, "ZREMRANGEBYLEX", "z", bounds[0], bounds[1]);
        }
        redis.expect(BAD_LEX, "ZRANGEBYLEX", "s", "x", "y"); // the range is checked before the type
        redis.expect(WRONGTYPE, "ZLEXCOUNT", "s", "-", "+");
        redis.expect(WRONGTYPE, "ZRANGEBYLEX", "s", "-", "+");
        redis.expect(notAnInteger(), "ZRANGEBYLEX", "s", "-", "+", "LIMIT", "1", "x");
        redis.expect(syntaxError(), "ZRANGEBYLEX", "z", "-", "+", "LIMIT", "1");
        redis.expect(syntaxError(), "ZRANGEBYLEX", "z", "-", "+", "foo");
        redis.expect(syntaxError(), "ZRANGEBYLEX", "z", "-", "+", "BYLEX");
        String noScores = err("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        redis.expect(noScores, "ZRANGEBYLEX", "z", "-", "+", "WITHSCORES");
        redis.expect(noScores, "ZRANGE", "z", "[b", "[e", "BYLEX", "WITHSCORES");
        redis.expect(syntaxError(), "ZRANGE", "z", "[b", "[e", "BYLEX", "BYSCORE");
        redis.expect(arity("zlexcount"), "ZLEXCOUNT", "z", "-");
        redis.expect(arity("zremrangebylex"), "ZREMRANGEBYLEX", "z", "-", "+", "x");
    }

    @Test
    void lexBoundsCompareBytesUnsigned() {
        redis.expect(num(4), "ZADD", "z", "0", "a", "0", "ab", "0", "b", "0", "\u00e9");
        redis.expect(bulks("ab", "b"), "ZRANGEBYLEX", "z", "(a", "[b");
        redis.expect(bulks("\u00e9"), "ZRANGEBYLEX", "z", "(b", "+");
        redis.expect(num(3), "ZLEXCOUNT", "z", "[a", "(\u00e9");
    }

    @Test
    void removingLexScoreAndRankRanges() {
        lexSet();
        redis.expect(num(2), "ZREMRANGEBYLEX", "z", "(a", "[c");
        redis.expect(bulks("a", "d", "e", "f", "g"), "ZRANGE", "z", "0", "-1");
        redis.expect(num(0), "ZREMRANGEBYLEX", "missing", "-", "+");
        redis.expect(num(5), "ZREMRANGEBYLEX", "z", "-", "+");
        redis.expect(num(0), "EXISTS", "z");

        redis.expect(num(5), "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        redis.expect(num(1), "ZREMRANGEBYRANK", "z", "0", "0");
        redis.expect(num(0), "ZREMRANGEBYRANK", "z", "5", "10");
        redis.expect(num(0), "ZREMRANGEBYRANK", "z", "1", "0");
        redis.expect(num(1), "ZREMRANGEBYRANK", "z", "-1", "-1");
        redis.expect(bulks("b", "c", "d"), "ZRANGE", "z", "0", "-1");
        redis.expect(notAnInteger(), "ZREMRANGEBYRANK", "z", "x", "0");
        redis.expect(num(3), "ZREMRANGEBYRANK", "z", "-100", "100");
        redis.expect(num(0), "EXISTS", "z");

        redis.expect(num(5), "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        redis.expect(num(1), "ZREMRANGEBYSCORE", "z", "(1", "2");
        redis.expect(num(2), "ZREMRANGEBYSCORE", "z", "-inf", "(4");
        redis.expect(flat("d", "4", "e", "5"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
        redis.expect(BAD_SCORE, "ZREMRANGEBYSCORE", "z", "a", "2");
        redis.expect(num(0), "ZREMRANGEBYSCORE", "missing", "1", "2");
        redis.expect(OK, "SET", "s", "x");
        redis.expect(WRONGTYPE, "ZREMRANGEBYSCORE", "s", "1", "2");
        redis.expect(WRONGTYPE, "ZREMRANGEBYRANK", "s", "0", "1");
        redis.expect(WRONGTYPE, "ZREMRANGEBYLEX", "s", "-", "+");
    }

    @Test
    void zrangeOptionRules() {
        redis.expect(num(3), "ZADD", "z", "1", "a", "2", "b", "3", "c");
        redis.expect(OK, "SET", "s", "x");
        String limitOnlyWith = err("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        redis.expect(limitOnlyWith, "ZRANGE", "z", "0", "1", "LIMIT", "0", "1");
        redis.expect(limitOnlyWith, "ZRANGE", "z", "0", "1", "LIMIT", "1", "2", "WITHSCORES", "REV");
        redis.expect(limitOnlyWith, "ZREVRANGE", "z", "0", "1", "LIMIT", "0", "1");
        // a count of -1 is LIMIT's default: by rank it counts as no LIMIT, and the offset is ignored
        redis.expect(bulks("a", "b", "c"), "ZRANGE", "z", "0", "-1", "LIMIT", "1", "-1");
        redis.expect(bulks("c", "b", "a"), "ZRANGE", "z", "0", "-1", "LIMIT", "-5", "-1", "REV");
        redis.expect(flat("c", "3", "b", "2", "a", "1"), "ZRANGE", "z", "0", "-1", "REV", "WITHSCORES");
        redis.expect(flat("a", "1", "b", "2", "c", "3"), "ZRANGE", "z", "0", "-1", "WITHSCORES", "WITHSCORES");
        for (String repeated : List.of("REV", "BYSCORE", "BYLEX")) {
            redis.expect(syntaxError(), "ZRANGE", "z", "0", "-1", repeated, repeated);
        }
        redis.expect(syntaxError(), "ZRANGE", "z", "0", "1", "LIMIT", "1");
        redis.expect(syntaxError(), "ZRANGE", "z", "0", "1", "BYSCORE", "LIMIT");
        redis.expect(notAnInteger(), "ZRANGE", "z", "0", "1", "LIMIT", "1", "x", "BYSCORE");
        redis.expect(syntaxError(), "ZRANGEBYSCORE", "z", "1", "2", "REV");
        redis.expect(syntaxError(), "ZRANGEBYSCORE", "z", "1", "2", "BYSCORE");
        redis.expect(syntaxError(), "ZREVRANGE", "z", "0", "1", "REV");
        redis.expect(syntaxError(), "ZREVRANGE", "z", "0", "-1", "WITHSCORES", "x");
        // the last LIMIT counts
        redis.expect(bulks("b"), "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "0", "1", "LIMIT", "1", "1");
        redis.expect(bulks("b", "c"), "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "-1");
        redis.expect(EMPTY_ARRAY, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "-1");
        redis.expect(EMPTY_ARRAY, "ZRANGEBYSCORE", "z", "(1", "(1");
        redis.expect(EMPTY_ARRAY, "ZRANGEBYSCORE", "z", "3", "1");
        redis.expect(flat("b", "2", "a", "1"), "ZRANGE", "z", "(3", "-inf", "BYSCORE", "REV", "WITHSCORES");
        redis.expect(flat("b", "2"), "ZREVRANGEBYSCORE", "z", "3", "1", "LIMIT", "1", "1", "WITHSCORES");
        // checks come in Redis's order: options, bounds, then the key's type
        redis.expect(notAnInteger(), "ZRANGE", "s", "a", "b");
        redis.expect(BAD_SCORE, "ZRANGE", "s", "(a", "b", "BYSCORE");
        redis.expect(WRONGTYPE, "ZRANGE", "s", "0", "1", "BYSCORE");
        redis.expect(BAD_SCORE, "ZRANGEBYSCORE", "s", "a", "b");
    }

    @Test
    void rangeStore() {
        redis.expect(num(3), "ZADD", "z", "1", "a", "2", "b", "3", "c");
        redis.expect(num(3), "ZRANGESTORE", "d", "z", "0", "-1");
        redis.expect(flat("a", "1", "b", "2", "c", "3"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        redis.expect(syntaxError(), "ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES");
        redis.expect(num(1), "ZRANGESTORE", "d", "z", "(1", "+inf", "BYSCORE", "LIMIT", "0", "1");
        redis.expect(flat("b", "2"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        redis.expect(num(0), "ZRANGESTORE", "d", "z", "5", "6");
        redis.expect(num(0), "EXISTS", "d"); // an empty result deletes the destination
        redis.expect(num(0), "ZRANGESTORE", "d", "z", "[a", "[b", "BYLEX", "REV");
        redis.expect(num(2), "ZRANGESTORE", "d", "z", "[b", "[a", "BYLEX", "REV");
        redis.expect(bulks("a", "b"), "ZRANGE", "d", "0", "-1");
        redis.expect(num(0), "ZRANGESTORE", "d", "missing", "0", "-1");
        redis.expect(num(0), "EXISTS", "d");
        redis.expect(OK, "SET", "s", "x");
        redis.expect(WRONGTYPE, "ZRANGESTORE", "d", "s", "0", "0");
        redis.expect(OK, "SET", "d", "x", "EX", "100");
        redis.expect(num(1), "ZRANGESTORE", "d", "z", "0", "0"); // overwrites any type, and the TTL goes
        redis.expect("+zset\r\n", "TYPE", "d");
        redis.expect(num(-1), "TTL", "d");
        redis.expect(err("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                "ZRANGESTORE", "d", "z", "0", "0", "LIMIT", "1", "1");
        redis.expect(arity("zrangestore"), "ZRANGESTORE", "d", "z", "0");
    }

    @Test
    void unionInterDiff() {
        redis.expect(num(3), "ZADD", "z1", "1", "a", "2", "b", "3", "c");
        redis.expect(num(3), "ZADD", "z2", "10", "b", "20", "c", "30", "d");
        redis.expect(num(3), "SADD", "s1", "a", "d", "e");
        redis.expect(bulks("a", "b", "c", "d"), "ZUNION", "2", "z1", "z2");
        redis.expect(flat("a", "1", "b", "12", "c", "23", "d", "30"), "ZUNION", "2", "z1", "z2", "WITHSCORES");
        redis.expect(flat("a", "2", "b", "30", "c", "60", "d", "90"),
                "ZUNION", "2", "z1", "z2", "WEIGHTS", "2", "3", "AGGREGATE", "MAX", "WITHSCORES");
        redis.expect(flat("a", "1", "b", "22", "c", "43", "d", "60"),
                "ZUNION", "2", "z1", "z2", "WITHSCORES", "WEIGHTS", "1", "2");
        redis.expect(flat("e", "1", "a", "2", "b", "12", "c", "23", "d", "31"),
                "ZUNION", "3", "z1", "z2", "s1", "WITHSCORES"); // a plain set's members score 1
        redis.expect(flat("b", "12", "c", "23"), "ZINTER", "2", "z1", "z2", "WITHSCORES");
        redis.expect(flat("b", "2", "c", "3"), "ZINTER", "2", "z1", "z2", "AGGREGATE", "MIN", "WITHSCORES");
        redis.expect(EMPTY_ARRAY, "ZINTER", "3", "z1", "z2", "s1", "WITHSCORES");
        redis.expect(flat("a", "1"), "ZDIFF", "2", "z1", "z2", "WITHSCORES");
        redis.expect(bulks("b", "c"), "ZDIFF", "2", "z1", "s1");
        redis.expect(flat("a", "1", "b", "2", "c", "3"), "ZDIFF", "1", "z1", "WITHSCORES");
        redis.expect(syntaxError(), "ZDIFF", "2", "z1", "z2", "WEIGHTS", "1", "2");
        redis.expect(syntaxError(), "ZDIFF", "2", "z1", "z2", "AGGREGATE", "SUM");
        // the same key twice, and the last WEIGHTS and AGGREGATE count
        redis.expect(num(3), "ZUNIONSTORE", "d", "2", "z1", "z1", "WEIGHTS", "5", "5", "WEIGHTS", "2", "3",
                "AGGREGATE", "SUM", "AGGREGATE", "MIN");
        redis.expect(flat("a", "2", "b", "4", "c", "6"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        redis.expect(num(1), "ZDIFFSTORE", "d", "2", "z1", "z2");
        redis.expect(flat("a", "1"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        redis.expect(num(0), "ZDIFFSTORE", "d", "2", "z1", "z1");
        redis.expect(num(0), "EXISTS", "d");
        redis.expect(num(2), "ZINTERSTORE", "d", "2", "z1", "z2", "WEIGHTS", "1", "0.5");
        redis.expect(flat("b", "7", "c", "13"), "ZRANGE", "d", "0", "-1", "WITHSCORES");
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(3), "ZUNIONSTORE", "str", "1", "z1"); // the destination may hold any type
        redis.expect("+zset\r\n", "TYPE", "str");
    }

    @Test
    void infiniteWeightsAndScores() {
        redis.expect(num(3), "ZADD", "z1", "1", "a", "2", "b", "3", "c");
        redis.expect(num(3), "ZADD", "z2", "10", "b", "20", "c", "30", "d");
        redis.expect(flat("d", "-inf", "b", "0", "c", "0", "a", "inf"),
                "ZUNION", "2", "z1", "z2", "WEIGHTS", "inf", "-inf", "WITHSCORES"); // inf + -inf sums to 0
        redis.expect(num(1), "ZADD", "zi", "1", "x");
        redis.expect(num(1), "ZADD", "zj", "1", "x");
        redis.expect(flat("x", "inf"), "ZUNION", "2", "zi", "zj", "WEIGHTS", "inf", "inf", "WITHSCORES");
        redis.expect(flat("x", "inf"), "ZINTER", "2", "zi", "zj", "WEIGHTS", "0", "inf", "WITHSCORES");
        redis.expect(num(1), "ZADD", "zinf", "inf", "x");
        redis.expect(flat("x", "1"), "ZUNION", "2", "zinf", "zj", "WEIGHTS", "0", "1", "WITHSCORES"); // 0 * inf is 0
        redis.expect(flat("x", "16"), "ZUNION", "1", "zi", "WEIGHTS", "0x10", "WITHSCORES");
        redis.expect(err("ERR weight value is not a float"), "ZUNION", "2", "zi", "zj", "WEIGHTS", "nan", "1");
        redis.expect(err("ERR weight value is not a float"), "ZUNION", "1", "zi", "WEIGHTS", "1e400");
    }

    @Test
    void algebraErrorsInRedisOrder() {
        redis.expect(num(1), "ZADD", "z1", "1", "a");
        redis.expect(OK, "SET", "str", "x");
        for (String command : List.of("zunion", "zinter", "zdiff", "zintercard")) {
            redis.expect(err("ERR at least 1 input key is needed for '" + command + "' command"),
                    command.toUpperCase(), "0", "z1");
            redis.expect(err("ERR at least 1 input key is needed for '" + command + "' command"), command, "-1", "z1");
            redis.expect(notAnInteger(), command, "x", "z1");
            redis.expect(syntaxError(), command, "3", "z1", "z1");
            redis.expect(syntaxError(), command, "99999999999", "z1");
            redis.expect(WRONGTYPE, command, "2", "missing", "str");
            redis.expect(WRONGTYPE, command, "2", "z1", "str", "foo"); // types before options
            redis.expect(syntaxError(), command, "2", "z1", "z1", "foo");
        }
        for (String command : List.of("zunionstore", "zinterstore", "zdiffstore")) {
            redis.expect(err("ERR at least 1 input key is needed for '" + command + "' command"), command, "d", "0", "z1");
            redis.expect(syntaxError(), command, "d", "2", "z1");
            redis.expect(syntaxError(), command, "d", "1", "z1", "WITHSCORES");
            redis.expect(WRONGTYPE, command, "d", "1", "str");
        }
        redis.expect(syntaxError(), "ZUNION", "2", "z1", "z1", "WEIGHTS", "1");
        redis.expect(err("ERR weight value is not a float"), "ZUNION", "2", "z1", "missing", "WEIGHTS", "x", "y");
        redis.expect(syntaxError(), "ZUNION", "2", "z1", "z1", "AGGREGATE", "foo");
        redis.expect(syntaxError(), "ZUNION", "2", "z1", "z1", "AGGREGATE");
        redis.expect(arity("zunion"), "ZUNION", "1");
        redis.expect(arity("zdiffstore"), "ZDIFFSTORE", "d", "1");
    }

    @Test
    void interCard() {
        redis.expect(num(3), "ZADD", "z1", "1", "a", "2", "b", "3", "c");
        redis.expect(num(3), "ZADD", "z2", "10", "b", "20", "c", "30", "d");
        redis.expect(num(3), "SADD", "s1", "a", "d", "e");
        redis.expect(num(2), "ZINTERCARD", "2", "z1", "z2");
        redis.expect(num(1), "ZINTERCARD", "2", "z1", "z2", "LIMIT", "1");
        redis.expect(num(2), "ZINTERCARD", "2", "z1", "z2", "LIMIT", "0"); // 0: no limit
        redis.expect(num(2), "ZINTERCARD", "2", "z1", "z2", "LIMIT", "1", "LIMIT", "0");
        redis.expect(num(1), "ZINTERCARD", "2", "z1", "s1");
        redis.expect(num(0), "ZINTERCARD", "2", "z1", "missing");
        redis.expect(err("ERR LIMIT can't be negative"), "ZINTERCARD", "2", "z1", "z2", "LIMIT", "-1");
        redis.expect(err("ERR LIMIT can't be negative"), "ZINTERCARD", "2", "z1", "z2", "LIMIT", "x");
        redis.expect(syntaxError(), "ZINTERCARD", "2", "z1", "z2", "LIMIT");
        for (String option : List.of("WEIGHTS", "AGGREGATE", "WITHSCORES")) {
            redis.expect(syntaxError(), "ZINTERCARD", "1", "z1", option, "1");
        }
    }

    @Test
    void multiPopShapesAndErrors() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(3), "ZADD", "z", "1", "a", "2", "b", "3", "c");
        redis.expect(arr(bulk("z"), arr(pair2("a", "1"))), "ZMPOP", "1", "z", "MIN");
        redis.expect(NULL_ARRAY, "ZMPOP", "1", "missing", "MIN");
        redis.expect(arr(bulk("z"), arr(pair2("c", "3"), pair2("b", "2"))), "ZMPOP", "2", "missing", "z", "max", "COUNT", "100");
        redis.expect(num(0), "EXISTS", "z");
        redis.expect(num(1), "ZADD", "z", "1", "a");
        redis.expect(arr(bulk("z"), arr(pair2("a", "1"))), "ZMPOP", "2", "z", "str", "MIN"); // str is never reached
        redis.expect(WRONGTYPE, "ZMPOP", "2", "str", "z", "MIN");
        redis.expect(WRONGTYPE, "ZMPOP", "2", "missing", "str", "MIN");
        String badCount = err("ERR count should be greater than 0");
        String badNumKeys = err("ERR numkeys should be greater than 0");
        for (String[] args : List.of(new String[]{"1", "z", "MIN", "COUNT", "0"}, new String[]{"1", "z", "MIN", "COUNT", "-1"},
                new String[]{"1", "z", "MIN", "COUNT", "x"}, new String[]{"1", "str", "MIN", "COUNT", "0"})) {
            redis.expect(badCount, prepend("ZMPOP", args));
        }
        for (String numKeys : List.of("0", "-1", "x")) {
            redis.expect(badNumKeys, "ZMPOP", numKeys, "z", "MIN");
        }
        for (String[] args : List.of(new String[]{"1", "z", "MIN", "COUNT"}, new String[]{"1", "z", "MIN", "COUNT", "1", "COUNT", "2"},
                new String[]{"1", "z", "foo"}, new String[]{"2", "z", "MIN"}, new String[]{"99999999999", "z", "MIN"},
                new String[]{"1", "z", "MIN", "foo", "1"}, new String[]{"1", "str", "MIN", "foo"})) {
            redis.expect(syntaxError(), prepend("ZMPOP", args));
        }
        redis.expect(arity("zmpop"), "ZMPOP", "1", "z");
    }

    @Test
    void listMultiPop() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(3), "LPUSH", "l", "a", "b", "c");
        redis.expect(arr(bulk("l"), bulks("c")), "LMPOP", "1", "l", "LEFT");
        redis.expect(arr(bulk("l"), bulks("a", "b")), "LMPOP", "2", "missing", "l", "right", "COUNT", "5");
        redis.expect(NULL_ARRAY, "LMPOP", "1", "l", "LEFT");
        redis.expect(num(2), "RPUSH", "l", "a", "b");
        redis.expect(arr(bulk("l"), bulks("a", "b")), "LMPOP", "2", "l", "str", "LEFT", "COUNT", "2");
        redis.expect(WRONGTYPE, "LMPOP", "2", "str", "missing", "LEFT");
        redis.expect(err("ERR count should be greater than 0"), "LMPOP", "1", "l", "LEFT", "COUNT", "0");
        redis.expect(err("ERR numkeys should be greater than 0"), "LMPOP", "0", "l", "LEFT");
        redis.expect(syntaxError(), "LMPOP", "1", "l", "middle");
        redis.expect(syntaxError(), "LMPOP", "1", "l", "MIN");
        redis.expect(arity("lmpop"), "LMPOP", "1", "l");
    }

    @Test
    void popsWithCountsAndErrors() {
        redis.expect(num(3), "ZADD", "z", "1", "a", "2", "b", "3", "c");
        redis.expect(flat("a", "1"), "ZPOPMIN", "z");
        redis.expect(flat("c", "3", "b", "2"), "ZPOPMAX", "z", "5");
        redis.expect(EMPTY_ARRAY, "ZPOPMIN", "z");
        redis.expect(EMPTY_ARRAY, "ZPOPMIN", "z", "0");
        redis.expect(err("ERR value is out of range, must be positive"), "ZPOPMIN", "z", "x");
        redis.expect(err("ERR value is out of range, must be positive"), "ZPOPMIN", "z", "-1");
        redis.expect(syntaxError(), "ZPOPMIN", "z", "1", "2");
    }

    @Test
    void randomMembers() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(NIL, "ZRANDMEMBER", "missing");
        redis.expect(EMPTY_ARRAY, "ZRANDMEMBER", "missing", "5");
        redis.expect(EMPTY_ARRAY, "ZRANDMEMBER", "missing", "-5", "WITHSCORES");
        redis.expect(num(3), "ZADD", "z", "1", "a", "2", "b", "3", "c");
        redis.expect(EMPTY_ARRAY, "ZRANDMEMBER", "z", "0");
        redis.expect(EMPTY_ARRAY, "ZRANDMEMBER", "z", "0", "WITHSCORES");
        // a count covering the set returns all of it, highest first
        redis.expect(flat("c", "3", "b", "2", "a", "1"), "ZRANDMEMBER", "z", "5", "WITHSCORES");
        redis.expect(bulks("c", "b", "a"), "ZRANDMEMBER", "z", "9223372036854775807");
        redis.expect(notAnInteger(), "ZRANDMEMBER", "z", "x");
        redis.expect(notAnInteger(), "ZRANDMEMBER", "z", "x", "foo");
        redis.expect(syntaxError(), "ZRANDMEMBER", "z", "1", "foo");
        redis.expect(syntaxError(), "ZRANDMEMBER", "z", "1", "WITHSCORES", "foo");
        redis.expect(syntaxError(), "ZRANDMEMBER", "str", "-1", "foo");
        redis.expect(WRONGTYPE, "ZRANDMEMBER", "str");
        redis.expect(WRONGTYPE, "ZRANDMEMBER", "str", "0");
        String outOfLongRange = err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        redis.expect(outOfLongRange, "ZRANDMEMBER", "z", "-9223372036854775808");
        redis.expect(outOfLongRange, "ZRANDMEMBER", "missing", "-9223372036854775808", "WITHSCORES");
        redis.expect(err("ERR value is out of range"), "ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES");
        redis.expect(err("ERR value is out of range"), "ZRANDMEMBER", "missing", "9223372036854775807", "WITHSCORES");
    }

    @Test
    void randomMembersAreFromTheSetDistinctUnlessNegative() {
        List<String> args = new ArrayList<>(List.of("ZADD", "z"));
        for (int i = 0; i < 50; i++) {
            args.add(String.valueOf(i));
            args.add("m" + i);
        }
        redis.expect(num(50), args.toArray(String[]::new));
        try (Jedis jedis = daemon.jedis()) {
            List<String> some = jedis.zrandmember("z", 20);
            assertEquals(20, some.size());
            assertEquals(20, new HashSet<>(some).size(), "a positive count picks distinct members");
            List<String> repeats = jedis.zrandmember("z", -200);
            assertEquals(200, repeats.size());
            assertTrue(new HashSet<>(repeats).size() < 200, "200 picks among 50 members repeat some");
            for (Tuple t : jedis.zrandmemberWithScores("z", -30)) {
                assertEquals("m" + (int) t.getScore(), t.getElement());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 300 && seen.size() < 50; i++) {
                seen.add(jedis.zrandmember("z"));
            }
            assertTrue(seen.size() > 40, "single picks reach most members: " + seen.size());
        }
    }

    @Test
    void scan() {
        redis.expect(OK, "SET", "str", "x");
        redis.expect(num(5), "ZADD", "z", "0.1", "a", "1.5", "b", "0", "c", "1e20", "d", "inf", "e");
        String all = flat("c", "0", "a", "0.10000000000000001", "b", "1.5", "d", "1e+20", "e", "inf");
        redis.expect(arr(bulk("0"), all), "ZSCAN", "z", "0");
        redis.expect(arr(bulk("0"), all), "ZSCAN", "z", "0", "COUNT", "1");
        redis.expect(arr(bulk("0"), flat("a", "0.10000000000000001")), "ZSCAN", "z", "0", "MATCH", "a*");
        redis.expect(arr(bulk("0"), EMPTY_ARRAY), "ZSCAN", "missing", "0");
        redis.expect(err("ERR invalid cursor"), "ZSCAN", "z", "x");
        redis.expect(err("ERR invalid cursor"), "ZSCAN", "str", "x");
        redis.expect(syntaxError(), "ZSCAN", "z", "0", "COUNT", "0");
        redis.expect(syntaxError(), "ZSCAN", "z", "0", "foo");
        redis.expect(syntaxError(), "ZSCAN", "z", "0", "MATCH");
        redis.expect(syntaxError(), "ZSCAN", "z", "0", "TYPE", "zset");
        redis.expect(WRONGTYPE, "ZSCAN", "str", "0");
        redis.call("HELLO", "3");
        redis.expect(arr(bulk("0"), all), "ZSCAN", "z", "0"); // RESP3 too: flat, scores as text
    }

    @Test
    void resp3ReplyShapes() {
        redis.call("HELLO", "3");
        redis.expect(num(5), "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        String pairs = arr(pair("a", "1"), pair("b", "2"), pair("c", "3"), pair("d", "4"), pair("e", "5"));
        redis.expect(pairs, "ZRANGE", "z", "0", "-1", "WITHSCORES");
        redis.expect(pairs, "ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES");
        redis.expect(pairs, "ZUNION", "1", "z", "WITHSCORES");
        redis.expect(pairs, "ZINTER", "1", "z", "WITHSCORES");
        redis.expect(pairs, "ZDIFF", "1", "z", "WITHSCORES");
        redis.expect(arr(pair("e", "5"), pair("d", "4"), pair("c", "3"), pair("b", "2"), pair("a", "1")),
                "ZRANDMEMBER", "z", "10", "withscores");
        redis.expect(arr(bulk("a"), ",1\r\n"), "ZPOPMIN", "z"); // no count: flat
        redis.expect(arr(pair("b", "2")), "ZPOPMIN", "z", "1"); // a count: pairs
        redis.expect(arr(pair("e", "5"), pair("d", "4")), "ZPOPMAX", "z", "2");
        redis.expect(EMPTY_ARRAY, "ZPOPMIN", "missing");
        redis.expect(arr(bulk("z"), arr(pair("c", "3"))), "ZMPOP", "1", "z", "MIN");
        redis.expect("_\r\n", "ZMPOP", "1", "z", "MIN");
        redis.expect("_\r\n", "LMPOP", "1", "l", "LEFT");
        redis.expect("_\r\n", "ZRANDMEMBER", "z");
        redis.expect(num(1), "ZADD", "z", "1.5", "x");
        redis.expect(arr(",1.5\r\n", "_\r\n"), "ZMSCORE", "z", "x", "y");
    }

    /** Enough members for a skip list of several levels: ranks, rank ranges and removals by rank agree. */
    @Test
    void ranksInALargeSet() {
        int n = 2000;
        List<String> args = new ArrayList<>(List.of("ZADD", "big"));
        for (int i = n - 1; i >= 0; i--) {
            args.add(String.valueOf(i));
            args.add(String.format("m%05d", i));
        }
        redis.expect(num(n), args.toArray(String[]::new));
        redis.expect(num(1234), "ZRANK", "big", "m01234");
        redis.expect(num(n - 1 - 1234), "ZREVRANK", "big", "m01234");
        redis.expect(bulks("m01500", "m01501"), "ZRANGE", "big", "1500", "1501");
        redis.expect(bulks("m00499", "m00498"), "ZRANGE", "big", "1500", "1501", "REV");
        redis.expect(num(1000), "ZCOUNT", "big", "(999", "+inf");
        redis.expect(bulks("m01000", "m01001"), "ZRANGE", "big", "(999", "+inf", "BYSCORE", "LIMIT", "0", "2");
        redis.expect(num(500), "ZREMRANGEBYRANK", "big", "100", "599");
        redis.expect(num(100), "ZRANK", "big", "m00600");
        redis.expect(num(1500), "ZCARD", "big");
        redis.expect(num(100), "ZREMRANGEBYSCORE", "big", "1900", "+inf");
        redis.expect(bulks("m01899"), "ZRANGE", "big", "-1", "-1");
        redis.expect(num(1), "ZADD", "big", "XX", "CH", "-1", "m01899");
        redis.expect(num(0), "ZRANK", "big", "m01899");
        redis.expect(num(1), "ZRANK", "big", "m00000");
    }

    @Test
    void jedisClient() {
        try (Jedis jedis = daemon.jedis()) {
            jedis.zadd("j1", 0, "a");
            jedis.zadd("j1", 0, "b");
            jedis.zadd("j1", 0, "c");
            jedis.zadd("j2", 5, "b");
            assertEquals(List.of("b", "c"), jedis.zrangeByLex("j1", "(a", "+"));
            assertEquals(2, jedis.zlexcount("j1", "[b", "[c"));
            assertEquals(List.of("b"), jedis.zinter(new ZParams(), "j1", "j2"));
            List<Tuple> union = jedis.zunionWithScores(new ZParams().weights(1, 2).aggregate(ZParams.Aggregate.SUM), "j1", "j2");
            assertEquals(new Tuple("b", 10.0), union.get(union.size() - 1));
            assertEquals(List.of("a", "c"), jedis.zdiff("j1", "j2"));
            assertEquals(1, jedis.zintercard("j1", "j2"));
            assertEquals(1, jedis.zremrangeByLex("j1", "[a", "[a"));
            assertEquals(2, jedis.zrangestore("j3", "j1", new redis.clients.jedis.params.ZRangeParams(0, -1)));
        }
    }

    private static String[] prepend(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
