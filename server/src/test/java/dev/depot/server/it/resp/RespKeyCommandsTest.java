package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ExpiryOption;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** DEL UNLINK EXISTS TOUCH TYPE, the EXPIRE family, TTL, PERSIST, KEYS, DBSIZE, FLUSHDB/ALL, RENAME. */
class RespKeyCommandsTest extends RespTestBase {

    @Test
    void delUnlinkExistsTouchType() {
        redis.expect(OK, "MSET", "a", "1", "b", "2");
        redis.expect(num(3), "EXISTS", "a", "a", "b", "c"); // a key named twice counts twice
        redis.expect(num(2), "TOUCH", "a", "b", "c");
        redis.expect("+string\r\n", "TYPE", "a");
        redis.expect("+none\r\n", "TYPE", "c");
        redis.expect(num(2), "DEL", "a", "b", "c");
        redis.expect(num(0), "DEL", "a");
        redis.expect(OK, "SET", "a", "1");
        redis.expect(num(1), "UNLINK", "a", "a"); // deleted once
        redis.expect(num(0), "EXISTS", "a");
        redis.expect(num(0), "UNLINK", "a");
        redis.expect("+none\r\n", "TYPE", "a");
        for (String command : List.of("del", "unlink", "exists", "touch", "type")) {
            redis.expect(arity(command), command.toUpperCase());
        }
        redis.expect(arity("type"), "TYPE", "a", "b");
        try (Jedis jedis = daemon.jedis()) {
            jedis.set("x", "1");
            assertEquals(1, jedis.del("x", "y"));
            assertEquals("none", jedis.type("x"));
        }
    }

    @Test
    void expireAndTtl() {
        redis.expect(OK, "SET", "a", "v");
        redis.expect(num(-1), "TTL", "a");
        redis.expect(num(-1), "PTTL", "a");
        redis.expect(num(1), "EXPIRE", "a", "100");
        redis.expect(num(100), "TTL", "a");
        assertPttlWithin("a", 99_000, 100_000);
        redis.expect(num(1), "PEXPIRE", "a", "50000");
        redis.expect(num(50), "TTL", "a");
        assertPttlWithin("a", 49_000, 50_000);
        redis.expect(num(0), "EXPIRE", "missing", "10");
        redis.expect(num(0), "PEXPIRE", "missing", "10");
        redis.expect(num(-2), "TTL", "missing");
        redis.expect(num(-2), "PTTL", "missing");
        redis.expect(notAnInteger(), "EXPIRE", "a", "abc");
        redis.expect(notAnInteger(), "EXPIRE", "a", "1.5");
        redis.expect(notAnInteger(), "PEXPIRE", "a", "");
        redis.expect(notAnInteger(), "EXPIREAT", "a", "abc");
        for (String command : List.of("expire", "pexpire", "expireat", "pexpireat")) {
            redis.expect(arity(command), command.toUpperCase(), "a");
        }
        for (String command : List.of("ttl", "pttl", "expiretime", "pexpiretime", "persist")) {
            redis.expect(arity(command), command.toUpperCase());
            redis.expect(arity(command), command.toUpperCase(), "a", "b");
        }
    }

    /** TTL rounds the milliseconds left to the nearest second: (ms + 500) / 1000. */
    @Test
    void ttlRounds() {
        redis.expect(OK, "SET", "k", "v", "PX", "400");
        redis.expect(num(0), "TTL", "k"); // 0.4 s left
        redis.expect(OK, "SET", "k", "v", "PX", "900");
        redis.expect(num(1), "TTL", "k"); // 0.9 s left: rounds up
        redis.expect(OK, "SET", "k", "v", "PX", "1900");
        redis.expect(num(2), "TTL", "k");
        redis.expect(OK, "SET", "k", "v", "PX", "2400");
        redis.expect(num(2), "TTL", "k"); // 2.4 s left: rounds down
        redis.expect(OK, "SET", "k", "v", "EX", "3");
        redis.expect(num(3), "TTL", "k");
    }

    @Test
    void expireConditions() {
        redis.expect(OK, "MSET", "a", "1", "b", "2");
        redis.expect(num(1), "EXPIRE", "a", "100");
        redis.expect(num(0), "EXPIRE", "a", "100", "NX"); // has a TTL
        redis.expect(num(1), "EXPIRE", "a", "50", "XX");
        redis.expect(num(1), "EXPIRE", "a", "60", "GT");
        redis.expect(num(0), "EXPIRE", "a", "40", "GT");
        redis.expect(num(1), "EXPIRE", "a", "30", "LT");
        redis.expect(num(0), "EXPIRE", "a", "35", "LT");
        redis.expect(num(0), "EXPIRE", "a", "30", "nx");
        redis.expect(num(30), "TTL", "a");
        // no TTL counts as an infinite one: GT never applies, LT always does
        redis.expect(num(0), "EXPIRE", "b", "10", "GT");
        redis.expect(num(0), "EXPIRE", "b", "10", "XX");
        redis.expect(num(-1), "TTL", "b");
        redis.expect(num(1), "EXPIRE", "b", "10", "LT");
        redis.expect(num(10), "TTL", "b");
        redis.expect(num(0), "EXPIRE", "b", "20", "NX");
        redis.expect(OK, "SET", "c", "3");
        redis.expect(num(1), "PEXPIRE", "c", "20000", "nx");
        redis.expect(num(20), "TTL", "c");
        redis.expect(num(0), "EXPIRE", "missing", "10", "LT");
        // the absolute forms take the same options
        redis.expect(num(1), "EXPIREAT", "c", "4102444800", "GT");
        redis.expect(num(0), "PEXPIREAT", "c", "4102444800000", "NX");
        redis.expect(num(4102444800L), "EXPIRETIME", "c");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(0, jedis.expire("a", 10, ExpiryOption.GT));
            assertEquals(1, jedis.expire("a", 10, ExpiryOption.LT));
            assertEquals(1, jedis.pexpire("a", 20_000, ExpiryOption.XX));
            assertEquals(0, jedis.pexpire("a", 20_000, ExpiryOption.NX));
        }
    }

    @Test
    void expireOptionErrors() {
        redis.expect(OK, "SET", "a", "1");
        String incompatible = err("ERR NX and XX, GT or LT options at the same time are not compatible");
        redis.expect(err("ERR Unsupported option FOO"), "EXPIRE", "a", "10", "FOO");
        redis.expect(err("ERR Unsupported option 2"), "PEXPIRE", "a", "10", "2");
        redis.expect(incompatible, "EXPIRE", "a", "10", "NX", "XX");
        redis.expect(incompatible, "EXPIRE", "a", "10", "XX", "NX");
        redis.expect(incompatible, "EXPIRE", "a", "10", "NX", "GT");
        redis.expect(incompatible, "PEXPIREAT", "a", "10", "LT", "NX");
        redis.expect(num(-1), "TTL", "a");
    }

    @Test
    void expireCombinesOptions() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(num(0), "EXPIRE", "a", "10", "XX", "GT"); // no TTL: XX fails
        redis.expect(num(1), "EXPIRE", "a", "100");
        redis.expect(num(1), "EXPIRE", "a", "200", "XX", "GT");
        redis.expect(num(0), "EXPIRE", "a", "300", "NX", "NX");
        redis.expect(num(1), "EXPIRE", "a", "100", "LT", "XX");
        redis.expect(num(100), "TTL", "a");
        redis.expect(err("ERR GT and LT options at the same time are not compatible"), "EXPIRE", "a", "10", "GT", "LT");
        redis.expect(err("ERR Unsupported option FOO"), "EXPIRE", "a", "10", "FOO", "BAR");
        redis.expect(err("ERR Unsupported option 2"), "EXPIRE", "a", "1", "2", "3");
    }

    @Test
    void invalidExpireTimes() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(err("ERR invalid expire time in 'expire' command"), "EXPIRE", "a", "9223372036854775807");
        redis.expect(err("ERR invalid expire time in 'expire' command"), "EXPIRE", "a", "9223372036854775");
        redis.expect(err("ERR invalid expire time in 'expire' command"), "EXPIRE", "a", "-9223372036854776");
        redis.expect(err("ERR invalid expire time in 'expire' command"), "EXPIRE", "a", "-9223372036854775808");
        redis.expect(err("ERR invalid expire time in 'pexpire' command"), "PEXPIRE", "a", "9223372036854775807");
        redis.expect(err("ERR invalid expire time in 'expireat' command"), "EXPIREAT", "a", "9223372036854775807");
        redis.expect(notAnInteger(), "EXPIRE", "a", "9223372036854775808");
        redis.expect(num(-1), "TTL", "a");
        // the largest absolute time in milliseconds is fine
        redis.expect(num(1), "PEXPIREAT", "a", "9223372036854775807");
        redis.expect(num(9223372036854775807L), "PEXPIRETIME", "a");
        redis.expect(bulk("1"), "GET", "a");
    }

    /** An expiry now or in the past deletes the key and counts as set. */
    @Test
    void pastExpiryDeletes() {
        String[][] cases = {
                {"EXPIRE", "0"}, {"EXPIRE", "-5"}, {"PEXPIRE", "0"}, {"PEXPIRE", "-1"}, {"EXPIREAT", "100"},
                {"PEXPIREAT", "1"}, {"EXPIREAT", "0"}, {"EXPIRE", "-9223372036854775"},
                {"PEXPIRE", "-9223372036854775808"}, {"PEXPIREAT", "-9223372036854775808"},
        };
        for (String[] c : cases) {
            redis.expect(OK, "SET", "a", "v");
            redis.expect(num(1), c[0], "a", c[1]);
            redis.expect(num(0), "EXISTS", "a");
            redis.expect(NIL, "GET", "a");
            redis.expect(num(-2), "TTL", "a");
        }
        // a condition that fails keeps the key
        redis.expect(OK, "SET", "a", "v");
        redis.expect(num(0), "EXPIRE", "a", "-1", "GT");
        redis.expect(num(0), "EXPIRE", "a", "-1", "XX");
        redis.expect(num(1), "EXISTS", "a");
        redis.expect(num(1), "EXPIRE", "a", "-1", "LT");
        redis.expect(num(0), "EXISTS", "a");
        try (Jedis jedis = daemon.jedis()) {
            jedis.set("j", "v");
            assertEquals(1, jedis.expire("j", -1));
            assertEquals(false, jedis.exists("j"));
        }
    }

    @Test
    void keysExpireWithTime() {
        redis.expect(OK, "SET", "short", "v", "PX", "200");
        redis.expect(OK, "SET", "other", "v");
        redis.expect(num(1), "PEXPIRE", "other", "250");
        redis.expect(OK, "SET", "stays", "v");
        pollUntil(Duration.ofSeconds(3), "short to expire", () -> redis.call("GET", "short").equals(NIL),
                () -> redis.call("PTTL", "short"));
        pollUntil(Duration.ofSeconds(3), "other to expire", () -> redis.call("EXISTS", "other").equals(num(0)),
                () -> redis.call("PTTL", "other"));
        redis.expect(num(-2), "TTL", "short");
        redis.expect(num(-2), "PTTL", "other");
        redis.expect(bulks("stays"), "KEYS", "*");
        redis.expect(num(1), "DBSIZE");
    }

    @Test
    void expiretimeAndPersist() {
        redis.expect(OK, "SET", "a", "v");
        redis.expect(num(-1), "EXPIRETIME", "a");
        redis.expect(num(-1), "PEXPIRETIME", "a");
        redis.expect(num(-2), "EXPIRETIME", "missing");
        redis.expect(num(-2), "PEXPIRETIME", "missing");
        redis.expect(num(1), "EXPIREAT", "a", "4102444800");
        redis.expect(num(4102444800L), "EXPIRETIME", "a");
        redis.expect(num(4102444800000L), "PEXPIRETIME", "a");
        redis.expect(num(1), "PEXPIREAT", "a", "4102444800499");
        redis.expect(num(4102444800L), "EXPIRETIME", "a");
        redis.expect(num(4102444800499L), "PEXPIRETIME", "a");
        redis.expect(num(1), "PERSIST", "a");
        redis.expect(num(0), "PERSIST", "a");
        redis.expect(num(-1), "TTL", "a");
        redis.expect(num(-1), "EXPIRETIME", "a");
        redis.expect(num(0), "PERSIST", "missing");
        redis.expect(bulk("v"), "GET", "a");
    }

    @Test
    void expiretimeRounds() {
        redis.expect(OK, "SET", "a", "v");
        redis.expect(num(1), "PEXPIREAT", "a", "4102444800500");
        redis.expect(num(4102444801L), "EXPIRETIME", "a");
        redis.expect(num(1), "PEXPIREAT", "a", "4102444800999");
        redis.expect(num(4102444801L), "EXPIRETIME", "a");
        redis.expect(num(4102444800999L), "PEXPIRETIME", "a");
    }

    /** Keys covering the glob features; KEYS answers in no particular order, so sets are compared. */
    private static final List<String> GLOB_KEYS = List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "hillo",
            "hbllo", "h*llo", "h?llo", "h[llo", "h]llo", "h\\llo", "h^llo", "a", "ab", "abc", "a*b", "b", "c", "d",
            "-", "^a", "x1", "x2", "x-y");

    static Stream<Arguments> globs() {
        return Stream.of(
                arguments("*", GLOB_KEYS),
                arguments("h?llo", List.of("hello", "hallo", "hxllo", "hillo", "hbllo", "h*llo", "h?llo", "h[llo",
                        "h]llo", "h\\llo", "h^llo")),
                arguments("h*llo", List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "hillo", "hbllo", "h*llo",
                        "h?llo", "h[llo", "h]llo", "h\\llo", "h^llo")),
                arguments("h[ae]llo", List.of("hallo", "hello")),
                arguments("h[^e]llo", List.of("hallo", "hxllo", "hillo", "hbllo", "h*llo", "h?llo", "h[llo", "h]llo",
                        "h\\llo", "h^llo")),
                arguments("h[a-b]llo", List.of("hallo", "hbllo")),
                arguments("h[b-a]llo", List.of("hallo", "hbllo")), // a reversed range still counts
                arguments("h[a-e-i]llo", List.of("hallo", "hbllo", "hello", "hillo")),
                arguments("h[!e]llo", List.of("hello")), // '!' is no negation
                arguments("h\\*llo", List.of("h*llo")),
                arguments("h\\?llo", List.of("h?llo")),
                arguments("h\\[llo", List.of("h[llo")),
                arguments("h[\\]]llo", List.of("h]llo")),
                arguments("h[\\^]llo", List.of("h^llo")),
                arguments("a\\*b", List.of("a*b")),
                arguments("a*", List.of("a", "ab", "abc", "a*b")),
                arguments("*b", List.of("ab", "a*b", "b")),
                arguments("?", List.of("a", "b", "c", "d", "-")),
                arguments("??", List.of("ab", "^a", "x1", "x2")),
                arguments("*?*", List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "hillo", "hbllo", "h*llo",
                        "h?llo", "h[llo", "h]llo", "h\\llo", "h^llo", "a", "ab", "abc", "a*b", "b", "c", "d", "-", "^a",
                        "x1", "x2", "x-y")),
                arguments("[abc]", List.of("a", "b", "c")),
                arguments("[^abc]", List.of("d", "-")),
                arguments("[a-c]", List.of("a", "b", "c")),
                arguments("[^a-c]", List.of("d", "-")),
                arguments("x[0-9]", List.of("x1", "x2")),
                arguments("x[1-]", List.of("x1", "x2")), // "1-]" is the range 1..']'
                arguments("[-]", List.of("-")),
                arguments("[\\-]", List.of("-")),
                arguments("[a-]", List.of("a")),
                arguments("h[ae", List.of()),
                arguments("h[", List.of()),
                arguments("[]", List.of()),
                arguments("\\", List.of()),
                arguments("a\\", List.of()),
                arguments("nomatch", List.of()));
    }

    @ParameterizedTest(name = "KEYS {0}")
    @MethodSource("globs")
    void keysGlob(String pattern, List<String> expected) {
        try (Jedis jedis = daemon.jedis()) {
            List<String> keyValues = new ArrayList<>();
            for (String key : GLOB_KEYS) {
                keyValues.add(key);
                keyValues.add("v");
            }
            jedis.mset(keyValues.toArray(String[]::new));
            assertEquals(Set.copyOf(expected), jedis.keys(pattern));
        }
    }

    @Test
    void keysOfTheSelectedDatabaseOnly() {
        redis.expect(OK, "MSET", "one", "1", "two", "2");
        redis.expect(OK, "SELECT", "4");
        redis.expect(OK, "SET", "four", "4");
        redis.expect(bulks("four"), "KEYS", "*");
        redis.expect(bulks("four"), "KEYS", "f*");
        redis.expect("*0\r\n", "KEYS", "one");
        redis.expect(arity("keys"), "KEYS");
        redis.expect(arity("keys"), "KEYS", "a", "b");
    }

    /** A key stored with an expiry in the past is not listed, although it may still be counted by DBSIZE. */
    @Test
    void keysSkipsExpired() {
        redis.expect(OK, "SET", "gone", "v", "PXAT", "1");
        redis.expect(OK, "SET", "kept", "v");
        redis.expect(bulks("kept"), "KEYS", "*");
        redis.expect(num(0), "EXISTS", "gone");
        redis.expect(num(1), "DBSIZE");
    }

    @Test
    void emptyKeyAndStarPatterns() {
        redis.expect(OK, "MSET", "", "v", "a", "v");
        redis.expect(bulks("a"), "KEYS", "**");
        redis.expect(bulks(""), "KEYS", "");
    }

    @Test
    void dbsizeFlushdbFlushall() {
        redis.expect(num(0), "DBSIZE");
        redis.expect(OK, "MSET", "a", "1", "b", "2");
        redis.expect(num(2), "DBSIZE");
        redis.expect(OK, "SELECT", "1");
        redis.expect(OK, "SET", "c", "3");
        redis.expect(num(1), "DBSIZE");
        redis.expect(OK, "FLUSHDB");
        redis.expect(num(0), "DBSIZE");
        redis.expect(OK, "SELECT", "0");
        redis.expect(num(2), "DBSIZE"); // FLUSHDB left database 0 alone
        redis.expect(OK, "FLUSHDB", "ASYNC");
        redis.expect(num(0), "DBSIZE");
        redis.expect(OK, "SET", "a", "1");
        redis.expect(OK, "FLUSHDB", "sync");
        redis.expect(num(0), "DBSIZE");
        for (int db = 0; db < 16; db += 5) {
            redis.expect(OK, "SELECT", Integer.toString(db));
            redis.expect(OK, "SET", "k" + db, "v");
        }
        redis.expect(OK, "FLUSHALL", "SYNC");
        for (int db = 0; db < 16; db += 5) {
            redis.expect(OK, "SELECT", Integer.toString(db));
            redis.expect(num(0), "DBSIZE");
        }
        redis.expect(OK, "SET", "a", "1");
        redis.expect(OK, "FLUSHALL", "async");
        redis.expect(num(0), "DBSIZE");
        redis.expect(OK, "FLUSHALL");
        redis.expect(arity("dbsize"), "DBSIZE", "x");
        try (Jedis jedis = daemon.jedis()) {
            jedis.set("j", "1");
            assertEquals(1, jedis.dbSize());
            assertEquals("OK", jedis.flushDB());
            assertEquals(0, jedis.dbSize());
        }
    }

    @Test
    void flushRefusesUnknownOptions() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(syntaxError(), "FLUSHDB", "x");
        redis.expect(syntaxError(), "FLUSHDB", "ASYNC", "SYNC");
        redis.expect(syntaxError(), "FLUSHALL", "x");
        redis.expect(syntaxError(), "FLUSHALL", "a", "b");
        redis.expect(num(1), "DBSIZE");
    }

    @Test
    void renameMovesValueAndTtl() {
        redis.expect(OK, "SET", "a", "1");
        redis.expect(num(1), "PEXPIRE", "a", "100000");
        redis.expect(OK, "RENAME", "a", "b");
        redis.expect(bulk("1"), "GET", "b");
        redis.expect(num(0), "EXISTS", "a");
        assertPttlWithin("b", 99_000, 100_000);
        // over an existing key: its value and TTL are replaced by the source's
        redis.expect(OK, "SET", "c", "3", "EX", "500");
        redis.expect(OK, "SET", "d", "4");
        redis.expect(OK, "RENAME", "d", "c");
        redis.expect(bulk("4"), "GET", "c");
        redis.expect(num(-1), "TTL", "c");
        redis.expect(OK, "RENAME", "b", "b");
        redis.expect(bulk("1"), "GET", "b");
        redis.expect(err("ERR no such key"), "RENAME", "a", "z");
        redis.expect(err("ERR no such key"), "RENAME", "missing", "missing");
        redis.expect(arity("rename"), "RENAME", "a");
        redis.expect(arity("rename"), "RENAME", "a", "b", "c");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.rename("b", "e"));
            assertEquals("1", jedis.get("e"));
        }
    }

    @Test
    void renamenx() {
        redis.expect(OK, "MSET", "a", "1", "x", "2");
        redis.expect(num(0), "RENAMENX", "a", "x");
        redis.expect(bulk("2"), "GET", "x");
        redis.expect(num(1), "RENAMENX", "a", "y");
        redis.expect(bulk("1"), "GET", "y");
        redis.expect(num(0), "EXISTS", "a");
        redis.expect(err("ERR no such key"), "RENAMENX", "missing", "z");
        redis.expect(err("ERR no such key"), "RENAMENX", "missing", "missing");
        redis.expect(arity("renamenx"), "RENAMENX", "a");
    }

    @Test
    void renamenxOntoItself() {
        redis.expect(OK, "SET", "b", "1");
        redis.expect(num(0), "RENAMENX", "b", "b");
    }

    private void assertPttlWithin(String key, long low, long high) {
        String reply = redis.call("PTTL", key);
        assertTrue(reply.matches(":\\d+\r\n"), printable(reply));
        long pttl = Long.parseLong(reply.substring(1, reply.length() - 2));
        assertTrue(pttl >= low && pttl <= high, "PTTL " + key + " = " + pttl + ", expected " + low + ".." + high);
    }
}
