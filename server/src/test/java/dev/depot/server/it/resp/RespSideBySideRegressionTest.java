package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.params.ScanParams;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;

/**
 * The differences from Redis 7.0.15 that the side-by-side check (RedisSideBySideTest) found,
 * one test each, with the replies of a real redis-server 7.0.15.
 */
class RespSideBySideRegressionTest extends RespTestBase {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    @Test
    void scoreRangeBoundsAreReadWithPlainStrtod() {
        redis.expect(num(5), "ZADD", "z", "-inf", "ninf", "0", "zero", "2", "two", "16", "sixteen", "inf", "pinf");
        redis.expect(bulks("zero"), "ZRANGEBYSCORE", "z", "", "");
        redis.expect(bulks("two", "sixteen", "pinf"), "ZRANGEBYSCORE", "z", " 2", "inf");
        redis.expect(bulks("pinf"), "ZRANGEBYSCORE", "z", "1e309", "+inf");
        redis.expect(bulks("ninf"), "ZRANGEBYSCORE", "z", "-inf", "-1e309");
        redis.expect(bulks("zero"), "ZRANGEBYSCORE", "z", "1e-400", "(1");
        redis.expect(num(2), "ZCOUNT", "z", "(", "16"); // "(" alone: an exclusive 0
        redis.expect(num(3), "ZCOUNT", "z", "2\0junk", "inf"); // the bound ends at the NUL byte
        redis.expect(bulks("sixteen"), "ZRANGE", "z", "0x10", "0x10", "BYSCORE");
        redis.expect(err("ERR min or max is not a float"), "ZCOUNT", "z", " ", "1");
        redis.expect(err("ERR min or max is not a float"), "ZCOUNT", "z", "1 ", "1");
        redis.expect(err("ERR min or max is not a float"), "ZCOUNT", "z", "(nan", "1");
    }

    @Test
    void bitcountOfAMissingKeyIsZeroWhateverTheRange() {
        redis.expect(num(0), "BITCOUNT", "nokey", "1");
        redis.expect(num(0), "BITCOUNT", "nokey", "a", "b", "c", "d");
        redis.expect(RespConnection.OK, "SET", "s", "abc");
        redis.expect(RespConnection.syntaxError(), "BITCOUNT", "s", "1");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(err(WRONGTYPE), "BITCOUNT", "h", "1");
    }

    @Test
    void bitposReadsItsBitAsAnInteger() {
        redis.expect(RespConnection.notAnInteger(), "BITPOS", "nokey", "x");
        redis.expect(err("ERR The bit argument must be 1 or 0."), "BITPOS", "nokey", "2");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(RespConnection.notAnInteger(), "BITPOS", "h", "x");
        redis.expect(RespConnection.OK, "SET", "s", "abc");
        redis.expect(RespConnection.syntaxError(), "BITPOS", "s", "0", "2", "", "WORD"); // the unit before end
        redis.expect(RespConnection.notAnInteger(), "BITPOS", "s", "0", "x", "", "WORD"); // start before the unit
        redis.expect(RespConnection.syntaxError(), "BITCOUNT", "s", "0", "1", "WORD");
        redis.expect(RespConnection.notAnInteger(), "BITCOUNT", "s", "0", "x", "WORD"); // end before the unit
    }

    @Test
    void listPopCountsAndArity() {
        redis.expect(num(3), "RPUSH", "l", "a", "b", "c");
        redis.expect(err("ERR value is out of range, must be positive"), "LPOP", "l", "x");
        redis.expect(err("ERR value is out of range, must be positive"), "RPOP", "nokey", "-1");
        redis.expect(err("ERR wrong number of arguments for 'lpop' command"), "LPOP", "l", "1", "2");
        redis.expect(err("ERR wrong number of arguments for 'rpop' command"), "RPOP", "nokey", "1", "2");
    }

    @Test
    void lindexLooksTheKeyUpBeforeReadingTheIndex() {
        redis.expect(RespConnection.NIL, "LINDEX", "nokey", "abc");
        redis.expect(RespConnection.OK, "SET", "s", "v");
        redis.expect(err(WRONGTYPE), "LINDEX", "s", "abc");
        redis.expect(num(1), "RPUSH", "l", "a");
        redis.expect(RespConnection.notAnInteger(), "LINDEX", "l", "-0");
    }

    @Test
    void lsetLooksTheKeyUpBeforeReadingTheIndex() {
        redis.expect(err("ERR no such key"), "LSET", "nokey", "x", "v");
        redis.expect(RespConnection.OK, "SET", "s", "v");
        redis.expect(err(WRONGTYPE), "LSET", "s", "x", "v");
        redis.expect(num(1), "RPUSH", "l", "a");
        redis.expect(RespConnection.notAnInteger(), "LSET", "l", "x", "v");
    }

    @Test
    void lposChecksOptionNamesBeforeValues() {
        redis.expect(num(5), "RPUSH", "l", "a", "b", "a", "c", "a");
        redis.expect(RespConnection.syntaxError(), "LPOS", "l", "a", "LIMIT", "COUNT", "0");
        redis.expect(RespConnection.syntaxError(), "LPOS", "l", "a", "COUNT", "1", "RANK");
        redis.expect(err("ERR COUNT can't be negative"), "LPOS", "l", "a", "COUNT", "-0");
        redis.expect(err("ERR COUNT can't be negative"), "LPOS", "nokey", "a", "COUNT", "x");
        redis.expect(err("ERR MAXLEN can't be negative"), "LPOS", "l", "a", "MAXLEN", "x");
        redis.expect(RespConnection.notAnInteger(), "LPOS", "l", "a", "RANK", "x");
        // Redis 7.0 negates LONG_MIN into itself: every match counts, as with -1
        redis.expect(num(4), "LPOS", "l", "a", "RANK", "-9223372036854775808");
        redis.expect("*3\r\n:4\r\n:2\r\n:0\r\n", "LPOS", "l", "a", "RANK", "-9223372036854775808", "COUNT", "0");
    }

    @Test
    void popCountsOfSetsAndSortedSetsAnswerMustBePositiveWhenMalformed() {
        for (String command : new String[] {"SPOP", "ZPOPMIN", "ZPOPMAX"}) {
            redis.expect(err("ERR value is out of range, must be positive"), command, "k", "x");
            redis.expect(err("ERR value is out of range, must be positive"), command, "k", "+2");
            redis.expect(err("ERR value is out of range, must be positive"), command, "k", "-1");
        }
    }

    @Test
    void hincrbyfloatRefusesAnInfiniteIncrementFirst() {
        redis.expect(err("ERR value is NaN or Infinity"), "HINCRBYFLOAT", "h", "f", "inf");
        redis.expect(num(1), "SADD", "s", "m");
        redis.expect(err("ERR value is NaN or Infinity"), "HINCRBYFLOAT", "s", "f", "-infinity");
        redis.expect(num(1), "HSET", "h", "f", "abc");
        redis.expect(err("ERR value is NaN or Infinity"), "HINCRBYFLOAT", "h", "f", "+inf");
        redis.expect(err("ERR hash value is not a float"), "HINCRBYFLOAT", "h", "f", "1");
    }

    @Test
    void expireChecksItsOptionsBeforeItsTime() {
        redis.expect(RespConnection.OK, "SET", "k", "v");
        redis.expect(err("ERR GT and LT options at the same time are not compatible"), "PEXPIRE", "k", "abc", "LT", "GT");
        redis.expect(err("ERR Unsupported option XY"), "EXPIRE", "k", "abc", "XY");
        redis.expect(RespConnection.notAnInteger(), "EXPIRE", "k", "abc", "NX");
        redis.expect(err("ERR Unsupported option ab"), "EXPIRE", "k", "10", "ab\0cd"); // quoted as a C string
    }

    @Test
    void moveReadsItsDatabaseAsAnInt() {
        redis.expect(RespConnection.OK, "SET", "k", "v");
        redis.expect(err("ERR value is out of range, value must between -2147483648 and 2147483647"),
                "MOVE", "k", "2147483648");
        redis.expect(err("ERR DB index is out of range"), "MOVE", "k", "2147483647");
    }

    @Test
    void scanCursorsAreReadWithStrtoul() {
        redis.expect(RespConnection.OK, "SET", "k", "v");
        redis.expect("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n", "SCAN", ""); // empty: cursor 0
        for (String valid : new String[] {"-1", "18446744073709551615", "+0"}) {
            assertTrue(redis.call("SCAN", valid).startsWith("*2\r\n"), valid);
        }
        for (String invalid : new String[] {"+", " 0", "0x", "18446744073709551616", "1 "}) {
            redis.expect(err("ERR invalid cursor"), "SCAN", invalid);
        }
    }

    @Test
    void sscanAndHscanLookTheKeyUpBeforeReadingOptions() {
        String emptyScan = "*2\r\n$1\r\n0\r\n*0\r\n";
        redis.expect(RespConnection.OK, "SET", "k", "v");
        redis.expect(num(1), "SADD", "s", "a");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(emptyScan, "SSCAN", "nokey", "0", "TYPE", "string");
        redis.expect(emptyScan, "HSCAN", "nokey", "0", "COUNT", "0");
        redis.expect(err("ERR invalid cursor"), "SSCAN", "nokey", "abc");
        redis.expect(err(WRONGTYPE), "SSCAN", "k", "0", "TYPE", "x");
        redis.expect(err(WRONGTYPE), "HSCAN", "k", "0", "COUNT", "0");
        redis.expect(RespConnection.syntaxError(), "SSCAN", "s", "0", "TYPE", "string");
        redis.expect(RespConnection.syntaxError(), "HSCAN", "h", "0", "COUNT", "0");
    }

    @Test
    void execWithArgumentsAbortsTheTransactionAndUnwatches() {
        String aborted = err("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command");
        redis.expect(RespConnection.OK, "SET", "w", "1");
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "SET", "w", "2");
        redis.expect(aborted, "EXEC", "y");
        redis.expect(err("ERR EXEC without MULTI"), "EXEC");
        redis.expect(RespConnection.bulk("1"), "GET", "w");

        redis.expect(RespConnection.OK, "WATCH", "w");
        redis.expect(aborted, "EXEC", "x"); // outside MULTI too, and the WATCH is gone
        try (RespConnection other = daemon.connect()) {
            other.expect(RespConnection.OK, "SET", "w", "3");
        }
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "GET", "w");
        redis.expect(bulks("3"), "EXEC");
    }

    @Test
    void zunionstoreAndZinterstoreCheckTheirSourcesBeforeTheirOptions() {
        redis.expect(RespConnection.OK, "SET", "s", "v");
        redis.expect(num(1), "ZADD", "z", "1", "a");
        redis.expect(err(WRONGTYPE), "ZINTERSTORE", "d", "2", "z", "s", "WEIGHTS", "2", "");
        redis.expect(err(WRONGTYPE), "ZUNIONSTORE", "d", "2", "s", "z", "AGGREGATE", "AVG");
        redis.expect(err("ERR weight value is not a float"), "ZUNIONSTORE", "d", "2", "z", "nokey", "WEIGHTS", "1", "x");
    }

    @Test
    void anEmptyKeyNameMatchesOnlyStarAndTheEmptyPattern() {
        redis.expect(RespConnection.OK, "MSET", "", "e", "a", "1");
        assertEquals(Set.of("", "a"), keys("*"));
        assertEquals(Set.of(""), keys(""));
        for (String pattern : new String[] {"**", "?*", "*a", "a*", "[a]*"}) {
            assertEquals(Set.of("a"), keys(pattern), pattern);
        }
        try (redis.clients.jedis.Jedis jedis = daemon.jedis()) {
            assertEquals(Set.of("", "a"), Set.copyOf(jedis.scan("0", new ScanParams().match("*")).getResult()));
        }
        redis.expect("*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n", "SCAN", "0", "MATCH", "**");
        redis.expect(num(2), "SADD", "s", "", "m");
        redis.expect("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nm\r\n", "SSCAN", "s", "0", "MATCH", "?*");
    }

    /** KEYS as a set: Redis lists keys in hash-table order. */
    private Set<String> keys(String pattern) {
        try (redis.clients.jedis.Jedis jedis = daemon.jedis()) {
            return jedis.keys(pattern);
        }
    }

    @Test
    void lmoveLooksAtTheSourceBeforeTheDestination() {
        redis.expect(RespConnection.OK, "SET", "s", "v");
        redis.expect(num(2), "RPUSH", "l", "a", "b");
        redis.expect(RespConnection.NIL, "LMOVE", "nokey", "s", "LEFT", "LEFT");
        redis.expect(RespConnection.NIL, "RPOPLPUSH", "nokey", "s");
        redis.expect("*-1\r\n", "BLMOVE", "nokey", "s", "LEFT", "LEFT", "0.01"); // a timeout: a null array
        redis.expect(err(WRONGTYPE), "LMOVE", "s", "l", "LEFT", "LEFT");
        redis.expect(err(WRONGTYPE), "LMOVE", "l", "s", "LEFT", "LEFT");
        redis.expect(err(WRONGTYPE), "BLMOVE", "l", "s", "LEFT", "LEFT", "0");
        redis.expect(err(WRONGTYPE), "BRPOPLPUSH", "s", "l", "0");
        redis.expect(bulks("a", "b"), "LRANGE", "l", "0", "-1");
    }

    @Test
    void zpopWithoutACountAnswersAFlatPairInResp3() {
        redis.call("HELLO", "3");
        redis.expect(":3\r\n", "ZADD", "z", "1", "a", "2", "b", "3", "c");
        redis.expect("*2\r\n$1\r\na\r\n,1\r\n", "ZPOPMIN", "z");
        redis.expect("*2\r\n$1\r\nc\r\n,3\r\n", "ZPOPMAX", "z");
        redis.expect("*1\r\n*2\r\n$1\r\nb\r\n,2\r\n", "ZPOPMIN", "z", "1");
        redis.expect("*0\r\n", "ZPOPMIN", "z");
    }

    @Test
    void unwatchIsQueuedInsideMulti() {
        redis.expect(RespConnection.OK, "WATCH", "w");
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "UNWATCH");
        redis.expect("+QUEUED\r\n", "SET", "w", "1");
        redis.expect("*2\r\n+OK\r\n+OK\r\n", "EXEC");
        redis.expect(RespConnection.OK, "UNWATCH");
    }

    @Test
    void pubsubNumsubIsAFlatArrayInResp3() {
        redis.call("HELLO", "3");
        redis.expect("*4\r\n$1\r\na\r\n:0\r\n$1\r\nb\r\n:0\r\n", "PUBSUB", "NUMSUB", "a", "b");
    }

    @Test
    void bitcountOfAnInvertedNegativeRangeIsZero() {
        redis.expect(RespConnection.OK, "SET", "s", "abc");
        redis.expect(num(0), "BITCOUNT", "s", "-3", "-5", "BYTE");
        redis.expect(num(0), "BITCOUNT", "s", "-1", "-2", "FOO");
        redis.expect(num(0), "BITCOUNT", "s", "-25", "-30", "BIT");
        redis.expect(num(1), "BITPOS", "s", "1", "-3", "-5"); // BITPOS clamps them instead
    }

    @Test
    void incrbyfloatChecksTheKeyBeforeTheIncrement() {
        redis.expect(num(1), "SADD", "s", "m");
        redis.expect(err(WRONGTYPE), "INCRBYFLOAT", "s", "abc");
        redis.expect(err("ERR value is not a valid float"), "INCRBYFLOAT", "nokey", "abc");
    }

    @Test
    void sintercardArgumentErrors() {
        redis.expect(num(3), "SADD", "s", "a", "b", "c");
        redis.expect(err("ERR numkeys should be greater than 0"), "SINTERCARD", "abc", "s");
        redis.expect(err("ERR numkeys should be greater than 0"), "SINTERCARD", "-1", "s");
        redis.expect(err("ERR LIMIT can't be negative"), "SINTERCARD", "1", "s", "LIMIT", "-0");
        redis.expect(num(1), "SINTERCARD", "1", "s", "LIMIT", "2", "LIMIT", "1");
        redis.expect(RespConnection.syntaxError(), "SINTERCARD", "1", "s", "LIMIT");
    }

    @Test
    void zrangeByRankTakesALimitOfMinusOne() {
        redis.expect(num(2), "ZADD", "z", "1", "a", "2", "b");
        redis.expect(bulks("a", "b"), "ZRANGE", "z", "0", "-1", "LIMIT", "5", "-1");
        redis.expect(err("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                "ZRANGE", "z", "0", "-1", "LIMIT", "0", "1");
        redis.expect(RespConnection.notAnInteger(), "ZRANGE", "z", "", "-1", "REV", "LIMIT", "0", "-1");
    }

    @Test
    void blockingTimeoutsConvertLikeRedis() {
        redis.expect(num(3), "RPUSH", "q", "a", "b", "c");
        for (String outOfRange : new String[] {"inf", "-inf", "1e300", "1e16"}) {
            redis.expect(err("ERR timeout is negative"), "BLPOP", "q", outOfRange);
        }
        redis.expect(err("ERR timeout is not a float or out of range"), "BLPOP", "q", "nan");
        redis.expect(bulks("q", "a"), "BLPOP", "q", "9e15");
        redis.expect(bulks("q", "b"), "BLPOP", "q", "-0.0001"); // ceil(-0.1 ms) is 0: for ever
        redis.expect(RespConnection.bulk("c"), "BLMOVE", "q", "d", "LEFT", "LEFT", "-0");
    }

    @Test
    void setrangeChecksTheSizeOnlyWhenWritingAndNeverOverflows() {
        String tooLong = err("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        redis.expect(RespConnection.OK, "SET", "s", "abc");
        redis.expect(tooLong, "SETRANGE", "s", "9223372036854775807", "x");
        redis.expect(tooLong, "SETRANGE", "nokey", "536870912", "x");
        redis.expect(num(3), "SETRANGE", "s", "9223372036854775807", "");
        redis.expect(num(0), "SETRANGE", "nokey", "536870913", "");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(err(WRONGTYPE), "SETRANGE", "h", "536870913", "x");
        redis.expect(err("ERR offset is out of range"), "SETRANGE", "h", "-1", "x");
        redis.expect(RespConnection.bulk("abc"), "GET", "s");
    }

    /** Writes that change nothing leave a WATCHed key alone in Redis, so EXEC still runs. */
    @ParameterizedTest
    @ValueSource(strings = {"SREM s x", "SADD s a", "HDEL h x", "HSETNX h f w", "LREM l 0 x", "LINSERT l BEFORE x y",
            "ZREM z x", "ZADD z 1 a", "ZADD z 1.0 a", "ZADD z XX 1 x", "ZADD z GT 0 a", "ZINCRBY z 0 a", "SETBIT s2 0 0",
            "HINCRBY h f 1", "HINCRBYFLOAT h f 1", "LSET l 5 x", "GETEX s2 PERSIST", "PERSIST s2", "LPOP l 0",
            "SPOP s 0", "ZPOPMIN z 0"})
    void aWriteThatChangesNothingKeepsTheWatch(String noOp) {
        redis.expect(num(1), "SADD", "s", "a");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(num(2), "RPUSH", "l", "a", "b");
        redis.expect(num(1), "ZADD", "z", "1", "a");
        redis.expect(RespConnection.OK, "SET", "s2", "v");
        String[] args = noOp.split(" ");
        redis.expect(RespConnection.OK, "WATCH", args[1]);
        redis.call(args);
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        redis.expect("*1\r\n+PONG\r\n", "EXEC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SREM s a", "SADD s b", "HDEL h f", "LREM l 0 a", "LINSERT l BEFORE a y", "ZREM z a",
            "ZADD z 2 a", "ZINCRBY z 1 a", "SETBIT s2 0 1", "LTRIM l 0 -1", "HSET h f v"})
    void aWriteThatChangesSomethingOrAlwaysCountsBreaksTheWatch(String write) {
        redis.expect(num(1), "SADD", "s", "a");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(num(2), "RPUSH", "l", "a", "b");
        redis.expect(num(1), "ZADD", "z", "1", "a");
        redis.expect(RespConnection.OK, "SET", "s2", "v");
        String[] args = write.split(" ");
        redis.expect(RespConnection.OK, "WATCH", args[1]);
        redis.call(args);
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        redis.expect("*-1\r\n", "EXEC");
    }

    @Test
    void getexChecksSyntaxThenTheKeyThenTheTime() {
        redis.expect(RespConnection.OK, "SET", "s", "v");
        redis.expect(num(1), "HSET", "h", "f", "v");
        redis.expect(RespConnection.NIL, "GETEX", "nokey", "PX", "abc");
        redis.expect(err(WRONGTYPE), "GETEX", "h", "PX", "1.5");
        redis.expect(err("ERR invalid expire time in 'getex' command"), "GETEX", "s", "PX", "0");
        redis.expect(err("ERR invalid expire time in 'getex' command"), "GETEX", "s", "EX", "9223372036854775807");
        redis.expect(RespConnection.bulk("v"), "GETEX", "s", "EX", "10", "EX", "20000");
        assertTrue(Long.parseLong(redis.call("TTL", "s").substring(1).trim()) > 10_000);
        redis.expect(RespConnection.bulk("v"), "GETEX", "s", "PERSIST", "PERSIST");
        redis.expect(num(-1), "TTL", "s");
        redis.expect(RespConnection.syntaxError(), "GETEX", "s", "EX", "10", "PX", "20");
        redis.expect(RespConnection.syntaxError(), "GETEX", "s", "PERSIST", "EX", "10");
        redis.expect(RespConnection.syntaxError(), "GETEX", "nokey", "EX");
        redis.expect(RespConnection.bulk("v"), "GETEX", "s", "EXAT", "1");
        redis.expect(num(0), "EXISTS", "s");
    }

    @Test
    void getexWithATimeAlreadyPastDeletesTheKeyAtOnce() {
        redis.expect(RespConnection.OK, "SET", "s", "v");
        redis.expect(RespConnection.bulk("v"), "GETEX", "s", "PXAT", "1");
        redis.expect(num(0), "DBSIZE"); // not merely expired: gone, before any sweep
    }

    @Test
    void srandmemberTakesCountsFromMinusLongMaxUp() {
        redis.expect(RespConnection.OK, "SET", "str", "v");
        String range = err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        redis.expect(range, "SRANDMEMBER", "str", "-9223372036854775808");
        redis.expect(range, "SRANDMEMBER", "nokey", "-9223372036854775808");
        redis.expect(err(WRONGTYPE), "SRANDMEMBER", "str", "1");
    }

    @Test
    void zrevrangeReadsWithscoresBeforeTheRange() {
        redis.expect(RespConnection.syntaxError(), "ZREVRANGE", "nokey", "3", "1.5", "WITHSCORE");
        redis.expect(RespConnection.notAnInteger(), "ZREVRANGE", "nokey", "x", "1", "WITHSCORES");
    }

    @Test
    void bitcountRefusesSixArgumentsBeforeReadingThem() {
        redis.expect(RespConnection.OK, "SET", "str", "v");
        redis.expect(RespConnection.syntaxError(), "BITCOUNT", "str", "4", "", "WORD", "ff");
    }

    @Test
    void pubsubNumpatAndChannelsCountTheirArguments() {
        redis.expect(err("ERR wrong number of arguments for 'pubsub|numpat' command"), "PUBSUB", "NUMPAT", "x");
        redis.expect(err("ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP."),
                "PUBSUB", "channels", "a", "b");
    }

    @Test
    void aWatchedMissingKeyCreatedAndDeletedAgainMakesExecFail() {
        redis.expect(RespConnection.OK, "WATCH", "k");
        try (RespConnection other = daemon.connect()) {
            other.expect(RespConnection.OK, "SET", "k", "1");
            other.expect(num(1), "DEL", "k");
        }
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        redis.expect("*-1\r\n", "EXEC");
        // the EXEC ended that WATCH: the same dance now goes unnoticed
        redis.expect(RespConnection.OK, "SET", "k", "1");
        redis.expect(num(1), "DEL", "k");
        redis.expect(RespConnection.OK, "MULTI");
        redis.expect("+QUEUED\r\n", "PING");
        redis.expect("*1\r\n+PONG\r\n", "EXEC");
    }

    @Test
    void lremWithLongMinRemovesEveryMatchFromTheTail() {
        redis.expect(num(5), "RPUSH", "l", "a", "b", "a", "c", "a");
        redis.expect(num(3), "LREM", "l", "-9223372036854775808", "a");
        redis.expect(bulks("b", "c"), "LRANGE", "l", "0", "-1");
    }

    @Test
    void helloQuotesABadOptionUpToANulByte() {
        redis.expect(err("ERR Syntax error in HELLO option 'ab'"), "HELLO", "3", "ab\0cd");
    }

    @Test
    void helloSetsTheNameAsSoonAsItReadsSetname() {
        redis.expect(err("ERR Syntax error in HELLO option 'dfae'"), "HELLO", "2", "SETNAME", "conn-b", "dfae");
        redis.expect(RespConnection.bulk("conn-b"), "CLIENT", "GETNAME");
        redis.expect(err("WRONGPASS invalid username-password pair or user is disabled."),
                "HELLO", "2", "SETNAME", "y", "AUTH", "nobody", "secret");
        redis.expect(RespConnection.bulk("y"), "CLIENT", "GETNAME");
        redis.expect(err("WRONGPASS invalid username-password pair or user is disabled."),
                "HELLO", "2", "AUTH", "nobody", "secret", "SETNAME", "z");
        redis.expect(RespConnection.bulk("y"), "CLIENT", "GETNAME");
        redis.expect(err("NOPROTO unsupported protocol version"), "HELLO", "4", "SETNAME", "w");
        redis.expect(RespConnection.bulk("y"), "CLIENT", "GETNAME");
    }

    @Test
    void zunionstoreAndZinterstoreAddFromTheSmallestSourceUp() {
        redis.expect(num(3), "ZADD", "s1", "1e16", "m", "1", "f1", "2", "f2");
        redis.expect(num(1), "ZADD", "s2", "1", "m");
        redis.expect(num(2), "ZADD", "s3", "1", "m", "5", "g");
        // 1 + 1 + 1e16, not (1e16 + 1) + 1, which rounds to 1e16
        redis.expect(num(4), "ZUNIONSTORE", "u", "3", "s1", "s2", "s3");
        redis.expect(RespConnection.bulk("10000000000000002"), "ZSCORE", "u", "m");
        redis.expect(num(1), "ZINTERSTORE", "i", "3", "s1", "s2", "s3");
        redis.expect(RespConnection.bulk("10000000000000002"), "ZSCORE", "i", "m");
        redis.expect(num(1), "SADD", "plain", "m");
        redis.expect(num(4), "ZUNIONSTORE", "u", "3", "s1", "plain", "s3");
        redis.expect(RespConnection.bulk("10000000000000002"), "ZSCORE", "u", "m");
    }

    @Test
    void lmoveOntoTheSameOneElementListKeepsItsExpiry() {
        redis.expect(num(1), "RPUSH", "l", "a");
        redis.expect(num(1), "EXPIRE", "l", "1000");
        redis.expect(RespConnection.bulk("a"), "LMOVE", "l", "l", "LEFT", "RIGHT");
        redis.expect(RespConnection.bulk("a"), "RPOPLPUSH", "l", "l");
        redis.expect(num(1000), "TTL", "l");
        redis.expect(num(3), "RPUSH", "l", "b", "c");
        redis.expect(RespConnection.bulk("c"), "LMOVE", "l", "l", "RIGHT", "LEFT");
        redis.expect(bulks("c", "a", "b"), "LRANGE", "l", "0", "-1");
    }

    @Test
    void zinterstoreLetsANanProductReachTheAggregateLikeRedis() {
        redis.expect(num(3), "ZADD", "z1", "inf", "a", "1", "b", "2", "c");
        redis.expect(num(1), "ZADD", "z3", "-3", "a");
        // sorted smallest first: -3*4 = -12, + inf*10 = inf, + inf*0 = NaN, which a sum turns into 0
        redis.expect(num(1), "ZINTERSTORE", "d", "3", "z1", "z3", "z1", "WEIGHTS", "10", "4", "0");
        redis.expect(RespConnection.bulk("0"), "ZSCORE", "d", "a");
        redis.expect(num(1), "ZINTERSTORE", "d", "2", "z3", "z1", "WEIGHTS", "1", "0", "AGGREGATE", "MIN");
        redis.expect(RespConnection.bulk("-3"), "ZSCORE", "d", "a"); // a NaN never wins MIN or MAX
        redis.expect(num(1), "ZINTERSTORE", "d", "2", "z3", "z1", "WEIGHTS", "1", "0", "AGGREGATE", "MAX");
        redis.expect(RespConnection.bulk("-3"), "ZSCORE", "d", "a");
        // in the first source, and anywhere in a union, the NaN is 0 at once
        redis.expect(num(3), "ZUNIONSTORE", "d", "2", "z3", "z1", "WEIGHTS", "1", "0", "AGGREGATE", "MAX");
        redis.expect(RespConnection.bulk("0"), "ZSCORE", "d", "a");
        redis.expect(num(3), "ZINTERSTORE", "d", "2", "z1", "z1", "WEIGHTS", "0", "1");
        redis.expect(RespConnection.bulk("inf"), "ZSCORE", "d", "a");
    }

    @Test
    void zinterAndZunionCombineNanProductsLikeTheirStoreForms() {
        redis.expect(num(3), "ZADD", "z1", "inf", "a", "1", "b", "2", "c");
        redis.expect(num(1), "ZADD", "z3", "-3", "a");
        redis.expect(bulks("a", "0"), "ZINTER", "3", "z1", "z3", "z1", "WEIGHTS", "10", "4", "0", "WITHSCORES");
        redis.expect(bulks("a", "-3"), "ZINTER", "2", "z3", "z1", "WEIGHTS", "1", "0", "AGGREGATE", "MIN",
                "WITHSCORES");
        // a union zeroes the NaN before adding it: -3 + 0
        redis.expect(bulks("a", "-3", "b", "0", "c", "0"), "ZUNION", "2", "z3", "z1", "WEIGHTS", "1", "0",
                "WITHSCORES");
    }

    @Test
    void expiretimeOfTheLatestPossibleExpiryDoesNotOverflow() {
        redis.expect(RespConnection.OK, "SET", "k", "v");
        redis.expect(num(1), "PEXPIREAT", "k", "9223372036854775807");
        redis.expect(num(9223372036854776L), "EXPIRETIME", "k");
        redis.expect(num(9223372036854775807L), "PEXPIRETIME", "k");
        redis.expect(num(1), "PEXPIREAT", "k", "1796131297499");
        redis.expect(num(1796131297), "EXPIRETIME", "k");
        redis.expect(num(1), "PEXPIREAT", "k", "1796131297500");
        redis.expect(num(1796131298), "EXPIRETIME", "k");
    }
}
