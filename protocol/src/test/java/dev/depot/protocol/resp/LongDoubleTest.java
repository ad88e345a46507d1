package dev.depot.protocol.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.depot.protocol.resp.RespHarness.bytes;
import static org.junit.jupiter.api.Assertions.*;

/**
 * INCRBYFLOAT as redis-server 7.0.15 computes it (x87 long double, ld2string human format):
 * each row is {@code SET k <start>} (or no key), then {@code INCRBYFLOAT k <increment>}...
 * and the replies.
 */
class LongDoubleTest {

    /** What INCRBYFLOAT replies, the way the server is meant to use LongDouble. */
    static String incrByFloat(String current, String increment) {
        LongDouble value = current == null ? LongDouble.ZERO : LongDouble.parse(bytes(current));
        LongDouble incr = LongDouble.parse(bytes(increment));
        if (value == null || incr == null) {
            return "ERR value is not a valid float";
        }
        LongDouble sum = value.plus(incr);
        return sum.isFinite() ? sum.toHumanString() : "ERR increment would produce NaN or Infinity";
    }

    /** Increments in sequence, the stored text carried over like Redis stores it. */
    static List<String> sequence(String start, String... increments) {
        List<String> replies = new ArrayList<>();
        String current = start;
        for (String inc : increments) {
            String reply = incrByFloat(current, inc);
            replies.add(reply);
            if (!reply.startsWith("ERR")) {
                current = reply;
            }
        }
        return replies;
    }

    @Test
    void longDoubleArithmeticShowsThrough() {
        // SET k 10.5; INCRBYFLOAT k 0.1 -> 10.6; INCRBYFLOAT k 5.0e3 -> 5010.60000000000000009
        assertEquals(List.of("10.6", "5010.60000000000000009"), sequence("10.5", "0.1", "5.0e3"));
        assertEquals(List.of("0.1", "0.3"), sequence(null, "0.1", "0.2"));
        assertEquals(List.of("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"),
                sequence(null, "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1", "0.1"));
        assertEquals(List.of("100000000000000000000", "100000000000000000000"), sequence(null, "1e20", "0.5"));
        assertEquals(List.of("1.00000000000000001", "1.00000000000000001"), sequence("1", "1e-17", "0.5e-17"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "0.1|0.2|0.3",
            "NONE|3.14|3.14",
            "NONE|1.5e-7|0.00000015",
            "NONE|-0.0|0",
            "-0|0|0",
            "NONE|0x1p3|8",
            "NONE|1e-18|0",
            "NONE|-1e-18|0",
            "NONE|123456789012345678901234567890|123456789012345678899921813504",
            "10|1.5e1|25",
            "1e17|1|100000000000000001",
            "3.0|0|3",
            "NONE|+1.5|1.5",
            "NONE|.5|0.5",
            "NONE|1.|1",
            "NONE|9007199254740993|9007199254740993",
            "NONE|18446744073709551617|18446744073709551616",
            "NONE|0.99999999999999999999|1",
            "NONE|1.23456789012345678|1.23456789012345678",
            "NONE|0x1p-25|0.00000002980232239",
            "NONE|0x1p-18|0.00000381469726562", // a tie at 17 decimals: half-even
            "NONE|0x3p-18|0.00001144409179688",
            "NONE|1e-400|0",                    // fine in a long double
            "NONE|1e-4950|0",                   // a long double subnormal
            "NONE|inf|ERR increment would produce NaN or Infinity",
            "inf|1|ERR increment would produce NaN or Infinity",
            "-inf|inf|ERR increment would produce NaN or Infinity",
            "infinity|-1|ERR increment would produce NaN or Infinity",
            "1.18973149535723176502e+4932|1.18973149535723176502e+4932|ERR increment would produce NaN or Infinity",
            "NONE|nan|ERR value is not a valid float",
            "5|-nan|ERR value is not a valid float",
            "5|nan(123)|ERR value is not a valid float",
            "NONE|1e4933|ERR value is not a valid float",
            "NONE|1e-5000|ERR value is not a valid float",
            "NONE|1e-4951|ERR value is not a valid float", // below half the smallest subnormal
            "NONE|1.18973149535723176508e+4932|ERR value is not a valid float",
            "abc|1|ERR value is not a valid float",
            "5|x|ERR value is not a valid float",
            "NONE|' 1'|ERR value is not a valid float",
            "NONE|'1 '|ERR value is not a valid float",
            "NONE|''|ERR value is not a valid float",
    })
    void incrByFloat(String start, String increment, String reply) {
        assertEquals(reply, incrByFloat(start, increment));
    }

    @Test
    void hugeValuesPrintInFull() {
        // INCRBYFLOAT k 1e300: the long double nearest 1e300, all 301 digits
        assertEquals("1000000000000000000008997324079559193870523944273290747938260082321265646596180935755849152083750497"
                + "1903503725086142748359035925561846729839130962605207486462873271356418436532940842551076060167897266"
                + "52932370030551382947620994540294772781889620606179267611627097410650567187386105690089424915104006144",
                incrByFloat(null, "1e300"));
        String e400 = incrByFloat(null, "1e400");
        assertEquals(401, e400.length());
        assertTrue(e400.startsWith("10000000000000000000281880683947586514586453433629052038625910693539685534008629862"), e400);
        // the largest long double, 4933 digits
        String max = incrByFloat(null, "1.18973149535723176505e+4932");
        assertEquals(4933, max.length());
        assertTrue(max.startsWith("1189731495357231765021263853030970205169063322294624200440323733891737005522970722616"));
        assertTrue(max.endsWith("86811989770240"));
    }

    @Test
    void textsOf5120BytesOrMoreAreRefused() {
        // redis: "1." + 5117 zeros (5119 bytes) is 1; with one zero more it is not a float
        assertEquals("2", incrByFloat("1." + "0".repeat(5117), "1"));
        assertEquals("1", incrByFloat(null, "1." + "0".repeat(5117)));
        assertEquals("ERR value is not a valid float", incrByFloat("1." + "0".repeat(5118), "1"));
        assertEquals("ERR value is not a valid float", incrByFloat(null, "1." + "0".repeat(5118)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0", "1\0abc", "1\0", " 1", "1\t", "0x", "1e", "--1", "nan", "NAN", "infinit"})
    void refusedTexts(String text) {
        assertNull(LongDouble.parse(bytes(text)), text);
    }

    @Test
    void conversionsAreExact() {
        assertEquals("9223372036854775807", LongDouble.of(Long.MAX_VALUE).toHumanString());
        assertEquals("-9223372036854775808", LongDouble.of(Long.MIN_VALUE).toHumanString());
        assertEquals(LongDouble.of(5L), LongDouble.parse(bytes("5.000")));
        assertEquals(LongDouble.of(0.5), LongDouble.parse(bytes("0x.8")));
        assertEquals("10.59999999999999964", LongDouble.of(10.6).toHumanString());
        assertEquals("inf", LongDouble.of(Double.POSITIVE_INFINITY).toHumanString());
        assertFalse(LongDouble.of(Double.NaN).isFinite());
        assertTrue(LongDouble.of(-0.0).isFinite());
        assertEquals("0", LongDouble.of(-0.0).plus(LongDouble.of(-0.0)).toHumanString());
        assertEquals(LongDouble.ZERO, LongDouble.parse(bytes("2.5")).plus(LongDouble.parse(bytes("-2.5"))));
    }
}
