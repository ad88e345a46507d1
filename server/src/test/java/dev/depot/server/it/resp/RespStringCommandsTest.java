package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.depot.server.it.resp.RespConnection.EMPTY;
import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.arr;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET SET SETNX SETEX PSETEX GETSET GETDEL MGET MSET MSETNX, counters, INCRBYFLOAT, APPEND STRLEN GETRANGE SUBSTR. */
class RespStringCommandsTest extends RespTestBase {
    private static final String INVALID_SET_EXPIRE = err("ERR invalid expire time in 'set' command");

    @Test
    void getAndSet() {
        redis.expect(NIL, "GET", "k");
        redis.expect(OK, "SET", "k", "v");
        redis.expect(bulk("v"), "GET", "k");
        redis.expect(OK, "SET", "k", "w");
        redis.expect(bulk("w"), "GET", "k");
        redis.expect(OK, "SET", "", "empty key");
        redis.expect(bulk("empty key"), "GET", "");
        redis.expect(OK, "SET", "e", "");
        redis.expect(EMPTY, "GET", "e");
        redis.expect(num(0), "STRLEN", "e");
        redis.expect(OK, "SET", "crlf", "a\r\nb");
        redis.expect(bulk("a\r\nb"), "GET", "crlf");
        redis.expect(arity("get"), "GET");
        redis.expect(arity("get"), "GET", "a", "b");
        redis.expect(arity("set"), "SET");
        redis.expect(arity("set"), "SET", "a");
    }

    @Test
    void valuesAreBinarySafe() {
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] large = new byte[700 * 1024];
        Arrays.fill(large, (byte) 'z');
        large[0] = '\r';
        large[large.length - 1] = '\n';
        try (Jedis jedis = daemon.jedis()) {
            byte[] key = {0, '\r', '\n', (byte) 0xff};
            assertEquals("OK", jedis.set(key, all));
            assertArrayEquals(all, jedis.get(key));
            assertEquals(all.length, jedis.strlen(key));
            assertEquals("OK", jedis.set("large".getBytes(StandardCharsets.US_ASCII), large));
            assertArrayEquals(large, jedis.get("large".getBytes(StandardCharsets.US_ASCII)));
            String unicode = "\u00e9t\u00e9 \u2603 \uD83D\uDE00";
            jedis.set("unicode", unicode);
            assertEquals(unicode, jedis.get("unicode"));
            assertEquals(unicode.getBytes(StandardCharsets.UTF_8).length, jedis.strlen("unicode"));
        }
    }

    @Test
    void setNxXxAndGet() {
        redis.expect(NIL, "SET", "a", "1", "XX");
        redis.expect(num(0), "EXISTS", "a");
        redis.expect(OK, "SET", "a", "1", "NX");
        redis.expect(NIL, "SET", "a", "2", "NX");
        redis.expect(bulk("1"), "GET", "a");
        redis.expect(OK, "SET", "a", "3", "xx");
        redis.expect(bulk("3"), "GET", "a");
        // GET returns the old value, with or without a condition
        redis.expect(NIL, "SET", "b", "1", "NX", "GET");
        redis.expect(bulk("1"), "SET", "b", "2", "NX", "GET"); // not stored
        redis.expect(bulk("1"), "GET", "b");
        redis.expect(bulk("1"), "SET", "b", "3", "XX", "GET");
        redis.expect(bulk("3"), "GET", "b");
        redis.expect(NIL, "SET", "c", "1", "XX", "GET");
        redis.expect(num(0), "EXISTS", "c");
        redis.expect(bulk("3"), "SET", "b", "4", "get");
        redis.expect(bulk("4"), "SET", "b", "5", "GET", "GET");
        redis.expect(NIL, "SET", "d", "1", "GET");
        redis.expect(bulk("1"), "GET", "d");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.set("j", "1", SetParams.setParams().nx()));
            assertNull(jedis.set("j", "2", SetParams.setParams().nx()));
            assertEquals("1", jedis.setGet("j", "3"));
            assertEquals("3", jedis.setGet("j", "4", SetParams.setParams().xx()));
        }
    }

    @Test
    void setExpiryOptions() {
        redis.expect(OK, "SET", "a", "v", "EX", "100");
        redis.expect(num(100), "TTL", "a");
        redis.expect(OK, "SET", "a", "v2", "KEEPTTL");
        redis.expect(num(100), "TTL", "a");
        redis.expect(bulk("v2"), "GET", "a");
        redis.expect(OK, "SET", "a", "v3"); // a plain SET drops the TTL
        redis.expect(num(-1), "TTL", "a");
        redis.expect(bulk("v3"), "SET", "a", "v4", "PX", "100000", "GET");
        redis.expect(num(100), "TTL", "a");
        redis.expect(bulk("v4"), "SET", "a", "v5", "GET", "KEEPTTL");
        redis.expect(num(100), "TTL", "a");
        redis.expect(OK, "SET", "a", "v", "EXAT", "4102444800");
        redis.expect(num(4102444800L), "EXPIRETIME", "a");
        redis.expect(OK, "SET", "a", "v", "PXAT", "4102444800123");
        redis.expect(num(4102444800123L), "PEXPIRETIME", "a");
        redis.expect(OK, "SET", "a", "v", "ex", "50", "xx");
        redis.expect(num(50), "TTL", "a");
        redis.expect(OK, "SET", "fresh", "v", "KEEPTTL");
        redis.expect(num(-1), "TTL", "fresh");
        // a time in the past stores a key that is already gone
        redis.expect(OK, "SET", "past", "v", "PXAT", "1");
        redis.expect(num(0), "EXISTS", "past");
        redis.expect(OK, "SET", "past", "v", "EXAT", "1");
        redis.expect(NIL, "GET", "past");
        redis.expect(NIL, "SET", "past", "v", "PXAT", "1", "GET");
        redis.expect(NIL, "SET", "past", "v2", "GET");
        // the largest times that do not overflow
        redis.expect(OK, "SET", "far", "v", "PXAT", "9223372036854775807");
        redis.expect(num(9223372036854775807L), "PEXPIRETIME", "far");
        redis.expect(OK, "SET", "far", "v", "EXAT", "9223372036854775");
        redis.expect(num(9223372036854775L), "EXPIRETIME", "far");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.set("j", "v", SetParams.setParams().ex(30)));
            assertEquals(30, jedis.ttl("j"));
            assertEquals("OK", jedis.set("j", "v", SetParams.setParams().keepTtl()));
            assertEquals(30, jedis.ttl("j"));
        }
    }

    @Test
    void setOptionConflicts() {
        redis.expect(syntaxError(), "SET", "a", "b", "c");
        redis.expect(syntaxError(), "SET", "a", "b", "NX", "XX");
        redis.expect(syntaxError(), "SET", "a", "b", "XX", "NX");
        redis.expect(syntaxError(), "SET", "a", "b", "EX", "10", "PX", "100");
        redis.expect(syntaxError(), "SET", "a", "b", "PX", "10", "EXAT", "100");
        redis.expect(syntaxError(), "SET", "a", "b", "EXAT", "10", "PXAT", "100");
        redis.expect(syntaxError(), "SET", "a", "b", "EX", "10", "KEEPTTL");
        redis.expect(syntaxError(), "SET", "a", "b", "KEEPTTL", "EX", "10");
        redis.expect(syntaxError(), "SET", "a", "b", "KEEPTTL", "PXAT", "10");
        redis.expect(syntaxError(), "SET", "a", "b", "EX");
        redis.expect(syntaxError(), "SET", "a", "b", "PX");
        redis.expect(syntaxError(), "SET", "a", "b", "FOO");
        redis.expect(syntaxError(), "SET", "a", "b", "EX", "10", "FOO");
        redis.expect(syntaxError(), "SET", "a", "b", "NX", "XX", "EX", "abc");
        redis.expect(syntaxError(), "SET", "a", "b", "NX", "XX", "EX", "-1");
        redis.expect(num(0), "EXISTS", "a");
        // repeating KEEPTTL or GET is fine
        redis.expect(OK, "SET", "a", "b", "KEEPTTL", "KEEPTTL");
        redis.expect(bulk("b"), "SET", "a", "c", "GET", "GET");
    }

    @Test
    void setRepeatedOptions() {
        redis.expect(OK, "SET", "a", "b", "NX", "NX");
        redis.expect(OK, "SET", "a", "b", "XX", "XX");
        redis.expect(OK, "SET", "a", "b", "EX", "10", "EX", "20");
        redis.expect(num(20), "TTL", "a");
    }

    @Test
    void setSyntaxBeforeValues() {
        redis.expect(syntaxError(), "SET", "a", "b", "EX", "abc", "NX", "XX");
        redis.expect(syntaxError(), "SET", "a", "b", "EX", "-1", "NX", "XX");
        redis.expect(syntaxError(), "SET", "a", "b", "PX", "0", "FOO");
    }

    @Test
    void setInvalidExpireTimes() {
        for (String[] option : new String[][] {
                {"EX", "0"}, {"EX", "-1"}, {"PX", "0"}, {"PX", "-100"}, {"EXAT", "0"}, {"PXAT", "0"}, {"EXAT", "-5"},
                {"EX", "9223372036854775807"}, {"EX", "9223372036854775"}, {"PX", "9223372036854775807"},
                {"EXAT", "9223372036854775807"}, {"EXAT", "9223372036854776"}, {"ex", "0"}}) {
            redis.expect(INVALID_SET_EXPIRE, "SET", "a", "b", option[0], option[1]);
        }
        redis.expect(notAnInteger(), "SET", "a", "b", "EX", "abc");
        redis.expect(notAnInteger(), "SET", "a", "b", "EX", "1.5");
        redis.expect(notAnInteger(), "SET", "a", "b", "PX", "9223372036854775808");
        redis.expect(notAnInteger(), "SET", "a", "b", "EX", " 10");
        redis.expect(num(0), "EXISTS", "a");
    }

    @Test
    void setnxSetexPsetex() {
        redis.expect(num(1), "SETNX", "a", "1");
        redis.expect(num(0), "SETNX", "a", "2");
        redis.expect(bulk("1"), "GET", "a");
        redis.expect(OK, "SETEX", "a", "10", "v");
        redis.expect(num(10), "TTL", "a");
        redis.expect(bulk("v"), "GET", "a");
        redis.expect(OK, "PSETEX", "a", "100000", "w");
        redis.expect(num(100), "TTL", "a");
        redis.expect(bulk("w"), "GET", "a");
        redis.expect(err("ERR invalid expire time in 'setex' command"), "SETEX", "a", "0", "v");
        redis.expect(err("ERR invalid expire time in 'setex' command"), "SETEX", "a", "-1", "v");
        redis.expect(err("ERR invalid expire time in 'setex' command"), "SETEX", "a", "9223372036854775807", "v");
        redis.expect(err("ERR invalid expire time in 'psetex' command"), "PSETEX", "a", "0", "v");
        redis.expect(err("ERR invalid expire time in 'psetex' command"), "PSETEX", "a", "-5", "v");
        redis.expect(notAnInteger(), "SETEX", "a", "abc", "v");
        redis.expect(notAnInteger(), "PSETEX", "a", "1.5", "v");
        redis.expect(bulk("w"), "GET", "a");
        redis.expect(arity("setnx"), "SETNX", "a");
        redis.expect(arity("setex"), "SETEX", "a", "10");
        redis.expect(arity("psetex"), "PSETEX", "a", "10", "v", "x");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.setex("j", 20, "v"));
            assertEquals(20, jedis.ttl("j"));
            assertEquals(1, jedis.setnx("k", "v"));
        }
    }

    @Test
    void setexOverflow() {
        redis.expect(OK, "SET", "a", "old");
        redis.expect(err("ERR invalid expire time in 'setex' command"), "SETEX", "a", "9223372036854775", "v");
        redis.expect(err("ERR invalid expire time in 'setex' command"), "SETEX", "a", "9223372036854774", "v");
        redis.expect(err("ERR invalid expire time in 'psetex' command"), "PSETEX", "a", "9223372036854775807", "v");
        redis.expect(err("ERR invalid expire time in 'psetex' command"), "PSETEX", "a", "9223372036854775000", "v");
        redis.expect(bulk("old"), "GET", "a");
    }

    @Test
    void getsetAndGetdel() {
        redis.expect(NIL, "GETSET", "a", "1");
        redis.expect(bulk("1"), "GET", "a");
        redis.expect(OK, "SET", "t", "v", "EX", "100");
        redis.expect(bulk("v"), "GETSET", "t", "w");
        redis.expect(num(-1), "TTL", "t"); // GETSET drops the TTL
        redis.expect(bulk("w"), "GETDEL", "t");
        redis.expect(NIL, "GETDEL", "t");
        redis.expect(num(0), "EXISTS", "t");
        redis.expect(arity("getset"), "GETSET", "a");
        redis.expect(arity("getdel"), "GETDEL");
        redis.expect(arity("getdel"), "GETDEL", "a", "b");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("1", jedis.getSet("a", "2"));
            assertEquals("2", jedis.getDel("a"));
            assertNull(jedis.getDel("a"));
        }
    }

    @Test
    void msetMgetMsetnx() {
        redis.expect(OK, "MSET", "a", "1", "b", "2", "c", "3");
        redis.expect(arr(bulk("1"), bulk("2"), bulk("3"), NIL), "MGET", "a", "b", "c", "d");
        redis.expect(arr(NIL, bulk("1"), bulk("1")), "MGET", "x", "a", "a");
        redis.expect(OK, "MSET", "k", "1", "k", "2"); // the last one wins
        redis.expect(bulk("2"), "GET", "k");
        redis.expect(num(1), "MSETNX", "x", "1", "y", "2");
        redis.expect(num(0), "MSETNX", "x", "9", "z", "9"); // x exists: nothing is set
        redis.expect(num(0), "EXISTS", "z");
        redis.expect(bulk("1"), "GET", "x");
        redis.expect(num(1), "MSETNX", "q", "1", "q", "2");
        redis.expect(bulk("2"), "GET", "q");
        redis.expect(OK, "SET", "t", "v", "EX", "100");
        redis.expect(OK, "MSET", "t", "w");
        redis.expect(num(-1), "TTL", "t"); // MSET drops TTLs
        redis.expect(arity("mget"), "MGET");
        redis.expect(arity("mset"), "MSET");
        redis.expect(arity("mset"), "MSET", "a");
        redis.expect(arity("mset"), "MSET", "a", "1", "b");
        redis.expect(arity("msetnx"), "MSETNX");
        redis.expect(arity("msetnx"), "MSETNX", "a", "1", "b");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("OK", jedis.mset("j1", "1", "j2", "2"));
            assertEquals(Arrays.asList("1", "2", null), jedis.mget("j1", "j2", "j3"));
            assertEquals(0, jedis.msetnx("j1", "x", "j4", "y"));
        }
    }

    @Test
    void counters() {
        redis.expect(num(1), "INCR", "n");
        redis.expect(num(2), "INCR", "n");
        redis.expect(num(1), "DECR", "n");
        redis.expect(num(11), "INCRBY", "n", "10");
        redis.expect(num(-9), "INCRBY", "n", "-20");
        redis.expect(num(-14), "DECRBY", "n", "5");
        redis.expect(num(-9), "DECRBY", "n", "-5");
        redis.expect(bulk("-9"), "GET", "n");
        redis.expect(num(-1), "DECR", "fresh");
        redis.expect(num(-5), "DECRBY", "fresh2", "5");
        redis.expect(num(0), "INCRBY", "zero", "0");
        redis.expect(bulk("0"), "GET", "zero");
        // the increment is checked
        for (String bad : List.of("abc", "1.5", "+1", "01", " 1", "1 ", "", "-0", "9223372036854775808")) {
            redis.expect(notAnInteger(), "INCRBY", "n", bad);
            redis.expect(notAnInteger(), "DECRBY", "n", bad);
        }
        // and so is the stored value
        for (String bad : List.of("abc", " 1", "1 ", "01", "+1", "-0", "1.0", "", "9223372036854775808",
                "-9223372036854775809", "1e3", "0x10")) {
            redis.expect(OK, "SET", "s", bad);
            redis.expect(notAnInteger(), "INCR", "s");
            redis.expect(notAnInteger(), "DECR", "s");
            redis.expect(notAnInteger(), "INCRBY", "s", "1");
            redis.expect(bulk(bad), "GET", "s");
        }
        for (String command : List.of("incr", "decr")) {
            redis.expect(arity(command), command.toUpperCase());
            redis.expect(arity(command), command.toUpperCase(), "a", "b");
        }
        redis.expect(arity("incrby"), "INCRBY", "n");
        redis.expect(arity("decrby"), "DECRBY", "n", "1", "2");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(1, jedis.incr("j"));
            assertEquals(11, jedis.incrBy("j", 10));
            assertEquals(10, jedis.decr("j"));
            assertEquals(0, jedis.decrBy("j", 10));
        }
    }

    @Test
    void counterOverflow() {
        String overflow = err("ERR increment or decrement would overflow");
        redis.expect(OK, "SET", "m", "9223372036854775807");
        redis.expect(overflow, "INCR", "m");
        redis.expect(overflow, "INCRBY", "m", "1");
        redis.expect(overflow, "DECRBY", "m", "-1");
        redis.expect(num(9223372036854775807L), "INCRBY", "m", "0");
        redis.expect(num(9223372036854775806L), "DECR", "m");
        redis.expect(OK, "SET", "m", "-9223372036854775808");
        redis.expect(overflow, "DECR", "m");
        redis.expect(overflow, "DECRBY", "m", "1");
        redis.expect(overflow, "INCRBY", "m", "-1");
        redis.expect(bulk("-9223372036854775808"), "GET", "m");
        redis.expect(OK, "SET", "z", "0");
        redis.expect(err("ERR decrement would overflow"), "DECRBY", "z", "-9223372036854775808");
        redis.expect(num(-9223372036854775808L), "INCRBY", "z", "-9223372036854775808");
        redis.expect(overflow, "DECRBY", "z", "9223372036854775807");
        redis.expect(num(-1), "INCRBY", "z", "9223372036854775807");
        redis.expect(bulk("-1"), "GET", "z");
    }

    @Test
    void countersKeepTheTtl() {
        redis.expect(OK, "SET", "e", "5", "EX", "100");
        redis.expect(num(6), "INCR", "e");
        redis.expect(num(100), "TTL", "e");
        redis.expect(bulk("6.5"), "INCRBYFLOAT", "e", "0.5");
        redis.expect(num(100), "TTL", "e");
        redis.expect(num(4), "APPEND", "e", "1");
        redis.expect(num(100), "TTL", "e");
    }

    @Test
    void incrbyfloat() {
        // Redis adds in 80-bit long doubles and prints %.17Lf without trailing zeros
        redis.expect(OK, "SET", "f", "10.5");
        redis.expect(bulk("10.6"), "INCRBYFLOAT", "f", "0.1");
        redis.expect(bulk("5010.60000000000000009"), "INCRBYFLOAT", "f", "5.0e3");
        redis.expect(bulk("10.60000000000000009"), "INCRBYFLOAT", "f", "-5000");
        redis.expect(bulk("10.60000000000000009"), "GET", "f");
        redis.expect(bulk("1"), "INCRBYFLOAT", "g", "1");
        redis.expect(bulk("2.5"), "INCRBYFLOAT", "g", "1.5");
        redis.expect(bulk("0"), "INCRBYFLOAT", "g", "-2.5");
        redis.expect(bulk("0.1"), "INCRBYFLOAT", "g", "0.1");
        redis.expect(bulk("0.3"), "INCRBYFLOAT", "g", "0.2");
        redis.expect(bulk("3000"), "INCRBYFLOAT", "h", "3.0e3");
        redis.expect(bulk("3000.002"), "INCRBYFLOAT", "h", "2.0e-3");
        redis.expect(bulk("0"), "INCRBYFLOAT", "m", "-0.0");
        redis.expect(bulk("0"), "INCRBYFLOAT", "x", "1e-20"); // below %.17Lf's last digit
        redis.expect(bulk("123456789012345678899921813504"), "INCRBYFLOAT", "y", "123456789012345678901234567890");
        redis.expect(bulk("3"), "INCRBYFLOAT", "z", "3");
        redis.expect(bulk("100000000000000003"), "INCRBYFLOAT", "z", "1e17");
        // C float syntax
        redis.expect(bulk("16"), "INCRBYFLOAT", "k", "0x10");
        redis.expect(bulk("16.5"), "INCRBYFLOAT", "k", ".5");
        redis.expect(bulk("21.5"), "INCRBYFLOAT", "k", "5.");
        redis.expect(bulk("22.5"), "INCRBYFLOAT", "k", "+1");
        redis.expect(OK, "SET", "w", "1e3");
        redis.expect(bulk("1001"), "INCRBYFLOAT", "w", "1");
        redis.expect(OK, "SET", "i", "7");
        redis.expect(bulk("7.25"), "INCRBYFLOAT", "i", "0.25");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(1.5, jedis.incrByFloat("j", 1.5));
            assertEquals("1.5", jedis.get("j"));
        }
    }

    /** Long doubles reach far beyond doubles: 1e400 is a fine increment, printed in full. */
    @Test
    void incrbyfloatBeyondDoubles() {
        String reply = redis.call("INCRBYFLOAT", "big", "1e400");
        String text = RespConnectionCommandsTest.bulkText(reply);
        assertEquals(401, text.length(), printable(reply));
        assertTrue(text.startsWith("1000000000000000000028188068394758651458645343362905203862591069353968553400862986"),
                text);
        redis.expect(OK, "SET", "w", "1.5e400");
        text = RespConnectionCommandsTest.bulkText(redis.call("INCRBYFLOAT", "w", "1"));
        assertTrue(text.startsWith("1499999999999999999978757125818063275760201655624410994645111810041287883779766"),
                text);
        text = RespConnectionCommandsTest.bulkText(redis.call("INCRBYFLOAT", "d", "1.7976931348623157e308"));
        assertEquals(309, text.length(), text);
        text = RespConnectionCommandsTest.bulkText(redis.call("INCRBYFLOAT", "d", "1.7976931348623157e308"));
        assertTrue(text.startsWith("3595386269724631399918420935482088680967728938886583569706288415303532570462"),
                text);
    }

    @Test
    void incrbyfloatErrors() {
        String notAFloat = err("ERR value is not a valid float");
        String nanOrInf = err("ERR increment would produce NaN or Infinity");
        redis.expect(nanOrInf, "INCRBYFLOAT", "k", "inf");
        redis.expect(nanOrInf, "INCRBYFLOAT", "k", "-inf");
        redis.expect(nanOrInf, "INCRBYFLOAT", "k", "Infinity");
        for (String bad : List.of("nan", "abc", "", " 1", "1 ", "1d", "1f", "1e", "1.2.3", "--1", "1e99999")) {
            redis.expect(notAFloat, "INCRBYFLOAT", "k", bad);
        }
        redis.expect(num(0), "EXISTS", "k");
        for (String bad : List.of("abc", "1 ", " 1", "", "nan", "1,5")) {
            redis.expect(OK, "SET", "s", bad);
            redis.expect(notAFloat, "INCRBYFLOAT", "s", "1");
            redis.expect(bulk(bad), "GET", "s");
        }
        redis.expect(arity("incrbyfloat"), "INCRBYFLOAT");
        redis.expect(arity("incrbyfloat"), "INCRBYFLOAT", "s");
        redis.expect(arity("incrbyfloat"), "INCRBYFLOAT", "s", "1", "2");
    }

    @Test
    void appendAndStrlen() {
        redis.expect(num(5), "APPEND", "a", "Hello");
        redis.expect(num(11), "APPEND", "a", " World");
        redis.expect(bulk("Hello World"), "GET", "a");
        redis.expect(num(11), "STRLEN", "a");
        redis.expect(num(11), "APPEND", "a", "");
        redis.expect(num(0), "STRLEN", "missing");
        redis.expect(num(0), "APPEND", "empty", "");
        redis.expect(num(1), "EXISTS", "empty");
        redis.expect(arity("append"), "APPEND", "a");
        redis.expect(arity("strlen"), "STRLEN");
        redis.expect(arity("strlen"), "STRLEN", "a", "b");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals(14, jedis.append("a", "!!!"));
            assertEquals(14, jedis.strlen("a"));
        }
    }

    @Test
    void getrangeAndSubstr() {
        redis.expect(OK, "SET", "a", "Hello World");
        String[][] cases = {
                {"0", "4", "Hello"}, {"-5", "-1", "World"}, {"0", "-1", "Hello World"}, {"0", "100", "Hello World"},
                {"5", "3", ""}, {"-1", "-5", ""}, {"-100", "2", "Hel"}, {"-100", "-100", "H"}, {"100", "200", ""},
                {"10", "10", "d"}, {"11", "11", ""}, {"3", "-100", ""}, {"-3", "100", "rld"}, {"0", "0", "H"},
                {"-1", "-1", "d"}, {"0", "9223372036854775807", "Hello World"},
                {"-9223372036854775808", "9223372036854775807", "Hello World"}, {"6", "-6", ""}, {"6", "-5", "W"},
        };
        for (String[] c : cases) {
            redis.expect(bulk(c[2]), "GETRANGE", "a", c[0], c[1]);
            redis.expect(bulk(c[2]), "SUBSTR", "a", c[0], c[1]);
        }
        redis.expect(EMPTY, "GETRANGE", "missing", "0", "-1");
        redis.expect(OK, "SET", "e", "");
        redis.expect(EMPTY, "GETRANGE", "e", "0", "-1");
        redis.expect(EMPTY, "GETRANGE", "e", "-1", "0");
        redis.expect(notAnInteger(), "GETRANGE", "a", "abc", "1");
        redis.expect(notAnInteger(), "GETRANGE", "a", "0", "abc");
        redis.expect(notAnInteger(), "GETRANGE", "missing", "0", "1.0");
        redis.expect(arity("getrange"), "GETRANGE", "a", "0");
        redis.expect(arity("substr"), "SUBSTR", "a", "0");
        redis.expect(arity("getrange"), "GETRANGE", "a", "0", "1", "2");
        try (Jedis jedis = daemon.jedis()) {
            assertEquals("World", jedis.getrange("a", 6, -1));
        }
    }
}
