package dev.depot.protocol.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.depot.protocol.resp.RespHarness.bytes;
import static org.junit.jupiter.api.Assertions.*;

/**
 * string2d and %.17g, checked against redis-server 7.0.15: {@code ZADD z <x> a} then
 * {@code ZSCORE z a} (skiplist encoding), the ZSCORE text being the expected format.
 */
class RespDoublesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3.14|3.1400000000000001",
            "1e300|1.0000000000000001e+300",
            "1.5e-7|1.4999999999999999e-07",
            "10|10",
            "-0.0|-0",
            "0|0",
            "inf|inf",
            "-inf|-inf",
            "+inf|inf",
            "Infinity|inf",
            "INF|inf",
            "-Infinity|-inf",
            "1e3|1000",
            "0x10|16",
            "0x1p3|8",
            "0x1.8|1.5",
            "0X1P-2|0.25",
            "0x.8|0.5",
            ".5|0.5",
            "5.|5",
            "-.5e1|-5",
            "+1|1",
            "4e-320|3.999955468730732e-320",
            "1e-320|9.9998886718268301e-321",
            "1e-323|9.8813129168249309e-324",
            "5e-324|4.9406564584124654e-324",
            "2.4703282292062328e-324|4.9406564584124654e-324",
            "1.7976931348623157e308|1.7976931348623157e+308",
            "2.2250738585072014e-308|2.2250738585072014e-308",
            "0.1|0.10000000000000001",
            "0.30000000000000004|0.30000000000000004",
            "123456789012345678|1.2345678901234568e+17",
            "1e16|10000000000000000",
            "1e17|1e+17",
            "12345678901234567|12345678901234568",
            "9007199254740993|9007199254740992",
            "100000000000000000000|1e+20",
            "1e21|1e+21",
            "2.5e-5|2.5000000000000001e-05",
            "0.0001|0.0001",
            "0.00001|1.0000000000000001e-05",
            "1e-4|0.0001",
            "123456.789|123456.789",
            "-1.5|-1.5",
            "0e-500|0",
            "0x1p-25|2.9802322387695312e-08", // an exact tie at 17 digits: half-even
            "0x3p-25|8.9406967163085938e-08",
            "0x1p-18|3.814697265625e-06",
            "0x1p-24|5.9604644775390625e-08",
    })
    void parsedAndFormattedLikeZscore(String input, String zscore) {
        double d = RespDoubles.parse(bytes(input));
        assertFalse(Double.isNaN(d), input);
        assertEquals(zscore, RespDoubles.format(d), input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", " ", "nan", "NaN", "-nan", "nan(123)", "1e", "1e+", "1e-", "e5", ".", "-", "+",
            "++1", "+-1", "1e400", "-1e400", "1e-400", "2.4703282292062327e-324", "1.7976931348623159e308", "1\0",
            "infinit", "infinityx", "in", "1d", "1f", "1_0", "0x", "0x.", "0xg", "0x1p", "1.2.3", "1,5", "\u00ff"})
    void refused(String input) {
        // redis: ERR value is not a valid float
        assertTrue(Double.isNaN(RespDoubles.parse(bytes(input))), input);
    }

    @Test
    void longTextsRoundExactly() {
        // no length limit for ZADD scores; digits far beyond 17 still decide the rounding
        assertEquals(1.0, RespDoubles.parse(bytes("1." + "0".repeat(6000))));
        assertEquals(1.0, RespDoubles.parse(bytes("1" + "0".repeat(400) + "e-400")));
        // 2^-1075, half the smallest subnormal, has 758 characters: redis refuses it (an exact
        // tie rounds to even, zero, an underflow) but takes it with one more digit 1 appended
        String half = new java.math.BigDecimal(Double.MIN_VALUE).divide(java.math.BigDecimal.valueOf(2)).toString()
                .replace("E", "e");
        assertEquals(758, half.length());
        assertTrue(Double.isNaN(RespDoubles.parse(bytes(half))));
        String halfPlus = half.replace("e-324", "1e-324");
        assertEquals(Double.MIN_VALUE, RespDoubles.parse(bytes(halfPlus)));
    }

    /**
     * Score-range bounds, checked with ZRANGEBYSCORE z b b on redis-server 7.0.15 over members
     * scored -inf, -5, 0, 1e-300, 2, 16, 1e308 and inf.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|0", // strtod converts nothing and stops on the terminator: zero
            "' 1'|1",
            "'\t2'|2",
            "1e309|Infinity",
            "-1e309|-Infinity",
            "1e-400|0",
            "-1e-400|-0.0",
            "0x1p-1080|0",
            "0x10|16",
            "infinity|Infinity",
            ".5|0.5",
            "-3|-3",
    })
    void rangeBoundsReadAsStrtod(String input, double expected) {
        assertEquals(expected, RespDoubles.parseRangeBound(bytes(input), 0, input.length()), input);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "nan", "1 ", "abc", "-", "+", "1e", "1e5x", " nan"})
    void rangeBoundsRefused(String input) {
        // redis: ERR min or max is not a float
        assertTrue(Double.isNaN(RespDoubles.parseRangeBound(bytes(input), 0, input.length())), input);
    }

    @Test
    void aRangeBoundEndsAtANulByte() {
        assertEquals(2, RespDoubles.parseRangeBound(bytes("2\0junk"), 0, 6));
        assertEquals(0, RespDoubles.parseRangeBound(bytes("\0junk"), 0, 5));
    }

    @Test
    void parsesARangeOfAnArray() {
        byte[] s = bytes("xx-2.5yy");
        assertEquals(-2.5, RespDoubles.parse(s, 2, 6));
        assertTrue(Double.isNaN(RespDoubles.parse(s, 2, 2)));
    }

    @Test
    void formatsLikePercent17g() {
        assertEquals("-0", RespDoubles.format(-0.0));
        assertEquals("0.5", RespDoubles.format(0.5));
        assertEquals("-3.1400000000000001", RespDoubles.format(-3.14));
        assertEquals("99999999999999984", RespDoubles.format(99999999999999984.0));
        assertEquals("1e+100", RespDoubles.format(1e100));
        assertEquals("-1.2345678901234568e+17", RespDoubles.format(-123456789012345678.0));
        assertEquals("9.9999999999999995e-08", RespDoubles.format(1e-7));
        assertEquals("1.7976931348623157e+308", RespDoubles.format(Double.MAX_VALUE));
        assertEquals("4.9406564584124654e-324", RespDoubles.format(Double.MIN_VALUE));
        assertEquals("0.30000000000000004", RespDoubles.format(0.1 + 0.2));
        assertEquals("1.1000000000000001", RespDoubles.format(1 + 0.1)); // ZINCRBY z 0.1 on 1
        // glibc prints NaN by its sign bit; Redis EVAL "return {double=0/0}" shows ",-nan"
        assertEquals("nan", RespDoubles.format(Double.NaN));
        assertEquals("-nan", RespDoubles.format(Double.longBitsToDouble(0xfff8000000000000L)));
    }

    @Test
    void formatsAllDigitsRightAcrossMagnitudes() {
        // round trip: 17 significant digits always give the same double back
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d)) {
                continue;
            }
            String text = RespDoubles.format(d);
            assertEquals(d, RespDoubles.parse(bytes(text)), text);
        }
    }

    /**
     * The exact value of a double, as %.17Lf would print it. Not what INCRBYFLOAT replies for
     * 10.6 or 0.1: Redis holds those as long doubles ("10.6", "0.1"); see LongDoubleTest.
     */
    @ParameterizedTest
    @CsvSource({"10.6,10.59999999999999964", "0.1,0.10000000000000001", "0.30000000000000004,0.30000000000000004",
            "1e300," + "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864"
            + "043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953"
            + "234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160",
            "-0.0,0", "-1e-18,0", "3.0,3", "1.5e-7,0.00000015", "-2.25,-2.25", "1e-17,0.00000000000000001",
            "5e-18,0.00000000000000001", "4e-18,0"})
    void formatsForIncrByFloat(double d, String expected) {
        assertEquals(expected, RespDoubles.formatIncrByFloat(d));
    }
}
