package dev.depot.protocol.memcached;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** CNumbers against the values C's strtoul/strtol (through memcached's safe_ wrappers) produce. */
class CNumbersTest {

    private static final long UNTOUCHED = 0x5eed;

    private static long[] unsigned(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long[] out = {UNTOUCHED};
        return CNumbers.parseUnsigned(b, 0, b.length, out) ? out : null;
    }

    private static long[] signed(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long[] out = {UNTOUCHED};
        return CNumbers.parseSigned(b, 0, b.length, out) ? out : null;
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "7, 7",
            "123456789, 123456789",
            "+5, 5",
            "-0, 0",
            "007, 7",
            "4294967296, 4294967296",
            "9223372036854775807, 9223372036854775807",
            "9223372036854775808, -9223372036854775808",   // 2^63 as an unsigned number in a long
            "18446744073709551615, -1",                    // 2^64-1
            "-9223372036854775809, 9223372036854775807",   // strtoul wraps it to 2^63-1, no sign bit: accepted
            "-18446744073709551615, 1"})                   // wraps to 1 (memcached: "set k -18446744073709551615 0 1" -> flags 1)
    void unsignedAccepts(String text, long expected) {
        long[] out = unsigned(text);
        assertNotNull(out, text);
        assertEquals(expected, out[0], text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", "abc", "5a", "0x10", "1.5", "18446744073709551616", "99999999999999999999",
            "-1", "-5", "-9223372036854775808", "--1", "+-1", " ", "5-"})
    void unsignedRefuses(String text) {
        assertNull(unsigned(text), text);
    }

    @Test
    void unsignedRefusalLeavesTheHolderAlone() {
        byte[] b = "nope".getBytes(StandardCharsets.US_ASCII);
        long[] out = {42};
        assertFalse(CNumbers.parseUnsigned(b, 0, b.length, out));
        assertEquals(42, out[0]);
        assertFalse(CNumbers.parseSigned(b, 0, b.length, out));
        assertEquals(42, out[0]);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "-0, 0",
            "42, 42",
            "+42, 42",
            "-42, -42",
            "2147483648, 2147483648",
            "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808",
            "-0000000000000000000001, -1"})
    void signedAccepts(String text, long expected) {
        long[] out = signed(text);
        assertNotNull(out, text);
        assertEquals(expected, out[0], text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", "abc", "1x", "0x1", "9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "--5", "\t", "5x "})
    void signedRefuses(String text) {
        assertNull(signed(text), text);
    }

    @Test
    void leadingWhiteSpaceIsSkippedAndTrailingWhiteSpaceEndsTheNumber() {
        for (String ws : new String[]{" ", "\t", "\n", "\u000b", "\f", "\r"}) {
            assertEquals(5, unsigned(ws + "5")[0], "leading " + (int) ws.charAt(0));
            assertEquals(5, unsigned("5" + ws)[0], "trailing " + (int) ws.charAt(0));
            assertEquals(-5, signed(ws + "-5")[0]);
            assertEquals(-5, signed("-5" + ws + "garbage")[0]);
        }
        // white space between the sign and the digits is not allowed
        assertNull(unsigned("- 5"));
        assertNull(signed("+ 5"));
    }

    @Test
    void aNulByteEndsTheNumberAsItEndsACString() {
        assertEquals(5, unsigned("5\0")[0]);
        assertEquals(5, unsigned("5\0junk")[0]);
        assertEquals(-5, signed("-5\0x")[0]);
        assertNull(unsigned("\0"));
        assertNull(signed("\05"));
        assertNull(unsigned("-\0"));
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] b = "xx123yy".getBytes(StandardCharsets.US_ASCII);
        long[] out = new long[1];
        assertTrue(CNumbers.parseUnsigned(b, 2, 5, out));
        assertEquals(123, out[0]);
        assertTrue(CNumbers.parseSigned(b, 2, 4, out));
        assertEquals(12, out[0]);
        assertFalse(CNumbers.parseUnsigned(b, 2, 6, out));
        assertFalse(CNumbers.parseSigned(b, 1, 5, out));
        assertFalse(CNumbers.parseUnsigned(b, 3, 3, out));
    }

    @Test
    void isSpaceIsCsIsspace() {
        for (int c = 0; c < 256; c++) {
            boolean expected = c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
            assertEquals(expected, CNumbers.isSpace((byte) c), "byte " + c);
        }
    }

    @Test
    void everyUnsignedValueRoundTrips() {
        long[] samples = {0, 1, 9, 10, 99, 100, 65535, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -2, -1};
        for (long v : samples) {
            assertEquals(v, unsigned(Long.toUnsignedString(v))[0], Long.toUnsignedString(v));
        }
        long[] signedSamples = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : signedSamples) {
            assertEquals(v, signed(Long.toString(v))[0], Long.toString(v));
        }
    }
}
