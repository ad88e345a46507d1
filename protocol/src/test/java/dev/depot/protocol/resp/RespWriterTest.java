package dev.depot.protocol.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static dev.depot.protocol.resp.RespHarness.*;
import static dev.depot.protocol.resp.RespWriter.RESP2;
import static dev.depot.protocol.resp.RespWriter.RESP3;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Reply encodings for RESP2 and RESP3, as redis-server 7.0.15 sent them (HELLO 2 / HELLO 3,
 * then HGETALL, SMEMBERS, SUBSCRIBE, ZSCORE, GET of no key, BLPOP timing out, INFO, and EVAL
 * returning Lua's RESP3 types).
 */
class RespWriterTest {

    @Test
    void versions() {
        assertSame(RESP2, RespWriter.of(2));
        assertSame(RESP3, RespWriter.of(3));
        assertEquals(2, RESP2.version());
        assertEquals(3, RESP3.version());
        assertThrows(IllegalArgumentException.class, () -> RespWriter.of(1));
    }

    @Test
    void simpleStringsAndErrors() {
        for (RespWriter w : new RespWriter[] {RESP2, RESP3}) {
            assertEquals("+OK\r\n", written(b -> w.ok(b)));
            assertEquals("+PONG\r\n", written(b -> w.simpleString(b, "PONG")));
            assertEquals("+QUEUED\r\n", written(b -> w.simpleString(b, bytes("QUEUED"))));
            assertEquals("-ERR syntax error\r\n", written(b -> w.error(b, "ERR syntax error")));
            assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
                    written(b -> w.error(b, "WRONGTYPE Operation against a key holding the wrong kind of value")));
            // redis: EVAL "return {err='x\r\ny'}" -> "-x  y", "return {ok='a\r\nb'}" -> "+a  b"
            assertEquals("-x  y\r\n", written(b -> w.error(b, "x\r\ny")));
            assertEquals("+a  b\r\n", written(b -> w.simpleString(b, "a\r\nb")));
            assertEquals("-ERR unknown command 'f\u00e9\u00ff ', with args beginning with: \r\n",
                    written(b -> w.error(b, bytes("ERR unknown command 'f\u00e9\u00ff\n', with args beginning with: "))));
        }
        assertEquals("-ERR \u00c3\u00a9\r\n", written(b -> RESP2.error(b, "ERR \u00e9")), "Strings go out in UTF-8");
    }

    @Test
    void integers() {
        // redis: INCR -> ":12346", INCRBY k -20000 -> ":-7654", STRLEN -> ":5"
        for (RespWriter w : new RespWriter[] {RESP2, RESP3}) {
            assertEquals(":0\r\n", written(b -> w.integer(b, 0)));
            assertEquals(":5\r\n", written(b -> w.integer(b, 5)));
            assertEquals(":1023\r\n", written(b -> w.integer(b, 1023)));
            assertEquals(":1024\r\n", written(b -> w.integer(b, 1024)));
            assertEquals(":12346\r\n", written(b -> w.integer(b, 12346)));
            assertEquals(":-1\r\n", written(b -> w.integer(b, -1)));
            assertEquals(":-7654\r\n", written(b -> w.integer(b, -7654)));
            assertEquals(":9223372036854775807\r\n", written(b -> w.integer(b, Long.MAX_VALUE)));
            assertEquals(":-9223372036854775808\r\n", written(b -> w.integer(b, Long.MIN_VALUE)));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, 1023, 1024, 65535, 1_000_000_007L, Long.MAX_VALUE, -1, -9, -10,
            -1024, Long.MIN_VALUE + 1, Long.MIN_VALUE})
    void numbersAreWrittenInDecimal(long n) {
        assertEquals(":" + n + "\r\n", written(b -> RESP2.integer(b, n)));
        assertEquals("$" + Long.toString(n).length() + "\r\n" + n + "\r\n", written(b -> RESP3.bulk(b, n)));
        if (n >= 0) {
            assertEquals("*" + n + "\r\n", written(b -> RESP2.arrayHeader(b, n)));
            assertEquals("$" + n + "\r\n", written(b -> RESP3.bulkHeader(b, n)));
        }
    }

    @Test
    void bulkStrings() {
        for (RespWriter w : new RespWriter[] {RESP2, RESP3}) {
            assertEquals("$5\r\n12345\r\n", written(b -> w.bulk(b, bytes("12345"))));
            assertEquals("$0\r\n\r\n", written(b -> w.bulk(b, new byte[0])));
            assertEquals("$3\r\nbcd\r\n", written(b -> w.bulk(b, bytes("abcde"), 1, 3)));
            assertEquals("$4\r\na\r\n\0\r\n", written(b -> w.bulk(b, bytes("a\r\n\0")))); // binary-safe, no cleaning
            assertEquals("$2\r\n\u00c3\u00a9\r\n", written(b -> w.bulk(b, "\u00e9")));     // UTF-8
            assertEquals("$5\r\n12345\r\n", written(b -> w.bulk(b, 12345L)));
            assertEquals("$2\r\n-1\r\n", written(b -> w.bulk(b, -1L)));
            String big = "v".repeat(70_000);
            assertEquals("$70000\r\n" + big + "\r\n", written(b -> w.bulk(b, big)));
            assertEquals("$3\r\nabc\r\n", written(b -> {
                w.bulkHeader(b, 3);
                b.writeBytes(bytes("abc"));
                w.crlf(b);
            }));
        }
    }

    @Test
    void nulls() {
        // redis RESP2: GET nosuch -> $-1, BLPOP timing out -> *-1; RESP3: "_" for both
        assertEquals("$-1\r\n", written(RESP2::nullBulk));
        assertEquals("*-1\r\n", written(RESP2::nullArray));
        assertEquals("_\r\n", written(RESP3::nullBulk));
        assertEquals("_\r\n", written(RESP3::nullArray));
    }

    @Test
    void aggregates() {
        // redis: HGETALL h -> RESP3 "%1\r\n$1\r\nf\r\n$1\r\nv\r\n", RESP2 "*2\r\n..."
        assertEquals("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", written(b -> {
            RESP3.mapHeader(b, 1);
            RESP3.bulk(b, "f");
            RESP3.bulk(b, "v");
        }));
        assertEquals("*2\r\n$1\r\nf\r\n$1\r\nv\r\n", written(b -> {
            RESP2.mapHeader(b, 1);
            RESP2.bulk(b, "f");
            RESP2.bulk(b, "v");
        }));
        assertEquals("%0\r\n", written(b -> RESP3.mapHeader(b, 0)));
        assertEquals("*0\r\n", written(b -> RESP2.mapHeader(b, 0)));
        assertEquals("*1200\r\n", written(b -> RESP2.mapHeader(b, 600)));
        // SMEMBERS s -> "~1\r\n$1\r\nm\r\n" / "*1\r\n..."
        assertEquals("~1\r\n", written(b -> RESP3.setHeader(b, 1)));
        assertEquals("*1\r\n", written(b -> RESP2.setHeader(b, 1)));
        assertEquals("~0\r\n", written(b -> RESP3.setHeader(b, 0)));
        // SUBSCRIBE ch -> ">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n" / "*3\r\n..."
        assertEquals(">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n", written(b -> {
            RESP3.pushHeader(b, 3);
            RESP3.bulk(b, "subscribe");
            RESP3.bulk(b, "ch");
            RESP3.integer(b, 1);
        }));
        assertEquals("*3\r\n", written(b -> RESP2.pushHeader(b, 3)));
        assertEquals("*2000\r\n", written(b -> RESP3.arrayHeader(b, 2000)));
    }

    @Test
    void doubles() {
        // redis RESP3: ZSCORE -> ",3.1400000000000001", ",inf", ",-inf", ",10"; EVAL -> ",-0", ",1e+17"
        assertEquals(",3.1400000000000001\r\n", written(b -> RESP3.doubleValue(b, 3.14)));
        assertEquals(",inf\r\n", written(b -> RESP3.doubleValue(b, Double.POSITIVE_INFINITY)));
        assertEquals(",-inf\r\n", written(b -> RESP3.doubleValue(b, Double.NEGATIVE_INFINITY)));
        assertEquals(",10\r\n", written(b -> RESP3.doubleValue(b, 10)));
        assertEquals(",-0\r\n", written(b -> RESP3.doubleValue(b, -0.0)));
        assertEquals(",0\r\n", written(b -> RESP3.doubleValue(b, 0.0)));
        assertEquals(",1e+17\r\n", written(b -> RESP3.doubleValue(b, 1e17)));
        assertEquals(",-12345\r\n", written(b -> RESP3.doubleValue(b, -12345)));
        assertEquals(",0.10000000000000001\r\n", written(b -> RESP3.doubleValue(b, 0.1)));
        // RESP2: bulk strings of the same text
        assertEquals("$18\r\n3.1400000000000001\r\n", written(b -> RESP2.doubleValue(b, 3.14)));
        assertEquals("$3\r\ninf\r\n", written(b -> RESP2.doubleValue(b, Double.POSITIVE_INFINITY)));
        assertEquals("$4\r\n-inf\r\n", written(b -> RESP2.doubleValue(b, Double.NEGATIVE_INFINITY)));
        assertEquals("$2\r\n10\r\n", written(b -> RESP2.doubleValue(b, 10)));
        assertEquals("$2\r\n-0\r\n", written(b -> RESP2.doubleValue(b, -0.0)));
        assertEquals("$23\r\n1.0000000000000001e+300\r\n", written(b -> RESP2.doubleValue(b, 1e300)));
        assertEquals("$17\r\n99999999999999984\r\n", written(b -> RESP2.doubleValue(b, 99999999999999984.0)));
    }

    @Test
    void booleans() {
        // redis: EVAL "redis.setresp(3); return true" under HELLO 3 -> "#t"; RESP2 integers
        assertEquals("#t\r\n", written(b -> RESP3.bool(b, true)));
        assertEquals("#f\r\n", written(b -> RESP3.bool(b, false)));
        assertEquals(":1\r\n", written(b -> RESP2.bool(b, true)));
        assertEquals(":0\r\n", written(b -> RESP2.bool(b, false)));
    }

    @Test
    void verbatimStrings() {
        // redis: EVAL "return {verbatim_string={format='txt',string='hi'}}" -> "=6\r\ntxt:hi" / "$2\r\nhi"
        assertEquals("=6\r\ntxt:hi\r\n", written(b -> RESP3.verbatim(b, "hi")));
        assertEquals("$2\r\nhi\r\n", written(b -> RESP2.verbatim(b, "hi")));
        assertEquals("=4\r\ntxt:\r\n", written(b -> RESP3.verbatim(b, "")));
        assertEquals("=10\r\nmkd:# Head\r\n", written(b -> RESP3.verbatim(b, bytes("# Head"), "mkd")));
        String info = "# Server\r\nredis_version:7.0.15\r\n";
        assertEquals("=" + (info.length() + 4) + "\r\ntxt:" + info + "\r\n", written(b -> RESP3.verbatim(b, info)));
        assertThrows(IllegalArgumentException.class, () -> written(b -> RESP3.verbatim(b, bytes("x"), "text")));
    }

    @Test
    void bigNumbers() {
        // redis: EVAL "return {big_number='123'}" -> "(123" / "$3\r\n123"
        assertEquals("(123\r\n", written(b -> RESP3.bigNumber(b, "123")));
        assertEquals("$3\r\n123\r\n", written(b -> RESP2.bigNumber(b, "123")));
        BigInteger huge = BigInteger.TEN.pow(40).negate();
        assertEquals("(" + huge + "\r\n", written(b -> RESP3.bigNumber(b, huge)));
        assertEquals("$42\r\n" + huge + "\r\n", written(b -> RESP2.bigNumber(b, huge)));
    }

    @Test
    void aReplyStreamReadsBackThroughTheDecoder() {
        // the writer's bulk strings are the decoder's multibulk arguments: a round trip
        String wire = written(b -> {
            RESP2.arrayHeader(b, 3);
            RESP2.bulk(b, "SET");
            RESP2.bulk(b, bytes("k\r\n"));
            RESP2.bulk(b, 42L);
        });
        assertEquals(java.util.List.of("[SET, k\r\n, 42]"), decode(wire));
    }
}
