package dev.depot.protocol.memcached;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** MetaFlagParser on its own, and the MetaFlags it builds. */
class MetaFlagParserTest {

    /** Tokenizes {@code line} on spaces and parses its flags from token {@code first} on. */
    private static MetaFlagParser.Result parse(String line, int first) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            while (i < b.length && b[i] == ' ') {
                i++;
            }
            if (i == b.length) {
                break;
            }
            int s = i;
            while (i < b.length && b[i] != ' ') {
                i++;
            }
            spans.add(new int[]{s, i});
        }
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int t = 0; t < spans.size(); t++) {
            starts[t] = spans.get(t)[0];
            ends[t] = spans.get(t)[1];
        }
        return MetaFlagParser.parse(b, starts, ends, first, spans.size());
    }

    private static MetaFlags flags(String line) {
        MetaFlagParser.Result r = parse(line, 2);
        assertNull(r.error(), () -> line + " -> " + r.error());
        assertNotNull(r.flags());
        return r.flags();
    }

    @Test
    void noFlags() {
        MetaFlags f = flags("mg key");
        assertEquals(List.of(), DecoderHarness.tokens(f));
        assertEquals(0, f.clientFlags());
        assertEquals(0, f.compareCas());
        assertEquals(0, f.initial());
        assertEquals(1, f.delta());
        assertEquals(0, f.ttl());
        assertEquals(0, f.vivifyTtl());
        assertEquals(0, f.recacheTtl());
        assertEquals(0, f.mode());
        assertFalse(f.quiet());
        assertFalse(f.base64Key());
        for (char c = 'A'; c <= 'z'; c++) {
            assertFalse(f.has(c), String.valueOf(c));
        }
    }

    @Test
    void everyValueFlag() {
        MetaFlags f = flags("ms key F123 C456 J789 D10 T-1 N20 R30 MR");
        assertEquals(123, f.clientFlags());
        assertEquals(456, f.compareCas());
        assertEquals(789, f.initial());
        assertEquals(10, f.delta());
        assertEquals(-1, f.ttl());
        assertEquals(20, f.vivifyTtl());
        assertEquals(30, f.recacheTtl());
        assertEquals('R', f.mode());
        for (char c : "FCJDTNRM".toCharArray()) {
            assertTrue(f.has(c), String.valueOf(c));
        }
        assertFalse(f.has('v'));
    }

    @Test
    void everyPlainFlagIsKnown() {
        MetaFlags f = flags("mg key b O1 P L k s t c f v h u q l I");
        for (char c : "bOPLkstcfvhuqlI".toCharArray()) {
            assertTrue(f.has(c), String.valueOf(c));
        }
        assertTrue(f.quiet());
        assertTrue(f.base64Key());
        assertEquals(List.of("b", "O1", "P", "L", "k", "s", "t", "c", "f", "v", "h", "u", "q", "l", "I"),
                DecoderHarness.tokens(f));
    }

    @Test
    void hasIsFalseOutsideTheLetterRange() {
        MetaFlags f = flags("mg key v");
        assertFalse(f.has('@'));
        assertFalse(f.has('{'));
        assertFalse(f.has((char) 0));
        assertFalse(f.has('\u00ff'));
        assertFalse(f.has('V'));
    }

    @Test
    void parsingStartsAtTheGivenToken() {
        MetaFlagParser.Result r = parse("ms key 5 T9 v", 3);
        assertNull(r.error());
        assertEquals(9, r.flags().ttl());
        assertEquals(List.of("T9", "v"), DecoderHarness.tokens(r.flags()));
    }

    @Test
    void numbersAreTruncatedLikeMemcached() {
        MetaFlags f = flags("mg key F4294967297 T4294967297 N-1 R2147483648 C18446744073709551615 D18446744073709551615");
        assertEquals(1, f.clientFlags());
        assertEquals(1, f.ttl());
        assertEquals(-1, f.vivifyTtl());
        assertEquals(Integer.MIN_VALUE, f.recacheTtl());
        assertEquals(-1L, f.compareCas());
        assertEquals(-1L, f.delta());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v v          | CLIENT_ERROR duplicate flag",
            "T1 T2        | CLIENT_ERROR duplicate flag",
            "Tx T2        | CLIENT_ERROR duplicate flag",
            "\u007f       | CLIENT_ERROR duplicate flag",
            "\u0080       | CLIENT_ERROR duplicate flag",
            "x            | CLIENT_ERROR invalid flag",
            "Tx x         | CLIENT_ERROR invalid flag",
            "A            | CLIENT_ERROR invalid flag",
            "0            | CLIENT_ERROR invalid flag"})
    void errorsThatStopAtOnceHaveNoFlags(String flags, String error) {
        MetaFlagParser.Result r = parse("mg key " + flags.trim(), 2);
        assertNull(r.flags());
        assertEquals(error, r.error());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "T            | CLIENT_ERROR bad token in command line format",
            "Tx           | CLIENT_ERROR bad token in command line format",
            "N1x          | CLIENT_ERROR bad token in command line format",
            "R+           | CLIENT_ERROR bad token in command line format",
            "C-1          | CLIENT_ERROR bad token in command line format",
            "F-1          | CLIENT_ERROR bad command line format",
            "F4x          | CLIENT_ERROR bad command line format",
            "M            | CLIENT_ERROR incorrect length for M token",
            "MAB          | CLIENT_ERROR incorrect length for M token",
            "J-1          | CLIENT_ERROR invalid numeric initial value",
            "D            | CLIENT_ERROR invalid numeric delta value",
            "Fx Tx        | CLIENT_ERROR bad token in command line format",
            "Tx Fx        | CLIENT_ERROR bad token in command line format",
            "Dx Tx        | CLIENT_ERROR bad token in command line format",
            "Tx Dx        | CLIENT_ERROR invalid numeric delta value",
            "Jx Fx        | CLIENT_ERROR invalid numeric initial value"})
    void valueErrorsAreRememberedAndParsingGoesOn(String flags, String error) {
        MetaFlagParser.Result r = parse("mg key " + flags.trim() + " v", 2);
        assertEquals(error, r.error());
        assertNotNull(r.flags());
        assertTrue(r.flags().has('v'), "parsing went on past the bad token");
    }

    @Test
    void aGoodValueDoesNotClearAnEarlierError() {
        MetaFlagParser.Result r = parse("mg key Tx N5", 2);
        assertEquals("CLIENT_ERROR bad token in command line format", r.error());
        assertEquals(5, r.flags().vivifyTtl());
    }

    @Test
    void opaqueTooLongLooksAtEveryOpaqueToken() {
        assertFalse(flags("mg key v").opaqueTooLong());
        assertFalse(flags("mg key O").opaqueTooLong());
        assertFalse(flags("mg key O1234567890123456789012345678901").opaqueTooLong()); // 32
        assertTrue(flags("mg key O12345678901234567890123456789012").opaqueTooLong());  // 33
        assertTrue(flags("mg key v k O12345678901234567890123456789012 q").opaqueTooLong());
    }
}
