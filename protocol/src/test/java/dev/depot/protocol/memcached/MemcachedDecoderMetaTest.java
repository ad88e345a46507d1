package dev.depot.protocol.memcached;

import dev.depot.protocol.memcached.MemcachedCommand.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.depot.protocol.memcached.DecoderHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/** The meta commands mn mg ms md ma me, their flags and every error memcached 1.6.18 names. */
class MemcachedDecoderMetaTest {

    private static final String O32 = "O" + "1234567890123456789012345678901"; // 32 characters: the longest opaque
    private static final String O33 = O32 + "2";
    /** 17 distinct valid flags: a meta command may carry no more. */
    private static final String FLAGS17 = "v k f s t c h l O1 q u N1 R1 T1 P L I";
    private static final String FLAGS18 = FLAGS17 + " D1";
    private static final String INVALID_OR_DUP = "CLIENT_ERROR invalid or duplicate flag";
    private static final String DECODING_KEY = "CLIENT_ERROR error decoding key";
    private static final String OPAQUE_TOO_LONG = "CLIENT_ERROR opaque token too long";

    private static List<MemcachedCommand> line(String line) {
        return decode(line + "\r\n");
    }

    private static MetaGet mg(String line) {
        MemcachedCommand c = decodeOne(line + "\r\n");
        return assertInstanceOf(MetaGet.class, c, () -> describe(c));
    }

    private static MetaSet ms(String wire) {
        MemcachedCommand c = decodeOne(wire);
        return assertInstanceOf(MetaSet.class, c, () -> describe(c));
    }

    private static MetaArithmetic ma(String line) {
        MemcachedCommand c = decodeOne(line + "\r\n");
        return assertInstanceOf(MetaArithmetic.class, c, () -> describe(c));
    }

    /**
     * An ms line with a 2-byte data block "mn" and a "version" after it. A refused ms that swallows
     * its data yields [error, Version]; one that does not yields [error, MetaNoop, Version].
     */
    private static List<MemcachedCommand> msThenVersion(String header) {
        return decode(header + "\r\nmn\r\nversion\r\n");
    }

    private static void assertSwallowed(String header, String error) {
        List<MemcachedCommand> out = msThenVersion(header);
        assertEquals(2, out.size(), () -> printable(header) + " -> " + describe(out));
        assertReply(error, out.get(0));
        assertInstanceOf(Version.class, out.get(1));
    }

    private static void assertNotSwallowed(String header, String error) {
        List<MemcachedCommand> out = msThenVersion(header);
        assertEquals(3, out.size(), () -> printable(header) + " -> " + describe(out));
        assertReply(error, out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
        assertInstanceOf(Version.class, out.get(2));
    }

    // ---- mn me ------------------------------------------------------------------------------

    @Test
    void mnIgnoresArguments() {
        assertInstanceOf(MetaNoop.class, decodeOne("mn\r\n"));
        assertInstanceOf(MetaNoop.class, decodeOne("mn x y\r\n"));
    }

    @Test
    void meDecodesItsKey() {
        MetaDebug plain = assertInstanceOf(MetaDebug.class, decodeOne("me foo\r\n"));
        assertEquals("foo", str(plain.key()));
        assertFalse(plain.binaryKey());
        MetaDebug binary = assertInstanceOf(MetaDebug.class, decodeOne("me Zm9v b\r\n"));
        assertEquals("foo", str(binary.key()));
        assertTrue(binary.binaryKey());
        // memcached: "me foo x" -> ME foo ... (anything but "b" is ignored)
        MetaDebug other = assertInstanceOf(MetaDebug.class, decodeOne("me foo x\r\n"));
        assertEquals("foo", str(other.key()));
        assertFalse(other.binaryKey());
        assertReplies(line("me " + repeat('k', 251)), BAD_FORMAT);
    }

    @Test
    void meWithoutAKeyIsBadFormat() {
        assertReplies(line("me"), BAD_FORMAT);
        assertReplies(line("me "), BAD_FORMAT);
    }

    @Test
    void meWithAnUndecodableKeyIsBadFormat() {
        assertReplies(line("me !!! b"), BAD_FORMAT);
    }

    // ---- mg ---------------------------------------------------------------------------------

    @Test
    void mgWithoutFlags() {
        MetaGet g = mg("mg foo");
        assertEquals("foo", str(g.key()));
        assertEquals(List.of(), tokens(g.flags()));
        assertFalse(g.flags().quiet());
        assertFalse(g.flags().base64Key());
        assertEquals(0, g.flags().mode());
    }

    @Test
    void mgKeepsFlagTokensInRequestOrder() {
        MetaGet g = mg("mg foo v t c f s k " + O32 + " q h l u");
        assertEquals(List.of("v", "t", "c", "f", "s", "k", O32, "q", "h", "l", "u"), tokens(g.flags()));
        for (char f : "vtcfskOqhlu".toCharArray()) {
            assertTrue(g.flags().has(f), "has " + f);
        }
        assertFalse(g.flags().has('T'));
        assertTrue(g.flags().quiet());
    }

    @Test
    void mgNumericFlags() {
        MetaGet g = mg("mg foo T30 N60 R10");
        assertEquals(30, g.flags().ttl());
        assertEquals(60, g.flags().vivifyTtl());
        assertEquals(10, g.flags().recacheTtl());
        assertEquals(-1, mg("mg foo T-1").flags().ttl());
        // memcached: "mg k T4294967297 t" -> t1
        assertEquals(1, mg("mg foo T4294967297").flags().ttl());
    }

    @Test
    void mgWithoutAKeyIsError() {
        assertReplies(line("mg"), ERROR);
        assertReplies(line("mg "), ERROR);
    }

    @Test
    void mgKeyLength() {
        assertEquals(repeat('k', 250), str(mg("mg " + repeat('k', 250) + " v").key()));
        assertReplies(line("mg " + repeat('k', 251) + " v"), BAD_FORMAT);
        // the key is checked before the flags
        assertReplies(line("mg " + repeat('k', 251) + " x"), BAD_FORMAT);
        assertReplies(line("mg " + repeat('k', 251) + " " + FLAGS18), BAD_FORMAT);
    }

    @Test
    void mgTokenLimit() {
        assertEquals(17, tokens(mg("mg foo " + FLAGS17).flags()).size());
        assertReplies(line("mg foo " + FLAGS18), "CLIENT_ERROR options flags are too long");
        // the count is checked before the flags themselves
        assertReplies(line("mg foo 1 2 3 4 5 6 7 8 9 a b c d e f g h i"), "CLIENT_ERROR options flags are too long");
        assertReplies(line("mg foo 1 2 3 4 5 6 7 8 9 a b c d e f g h"), "CLIENT_ERROR invalid flag");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v v                | CLIENT_ERROR duplicate flag",
            "v k v              | CLIENT_ERROR duplicate flag",
            "O1 O2              | CLIENT_ERROR duplicate flag",
            "x                  | CLIENT_ERROR invalid flag",
            "E1                 | CLIENT_ERROR invalid flag",
            "1                  | CLIENT_ERROR invalid flag",
            "[                  | CLIENT_ERROR invalid flag",
            "a                  | CLIENT_ERROR invalid flag",
            "z                  | CLIENT_ERROR invalid flag",
            "Z                  | CLIENT_ERROR invalid flag",
            "`                  | CLIENT_ERROR invalid flag",
            "T                  | CLIENT_ERROR bad token in command line format",
            "Tabc               | CLIENT_ERROR bad token in command line format",
            "N                  | CLIENT_ERROR bad token in command line format",
            "Nabc v             | CLIENT_ERROR bad token in command line format",
            "Rabc v             | CLIENT_ERROR bad token in command line format",
            "Cabc v             | CLIENT_ERROR bad token in command line format",
            "C-1                | CLIENT_ERROR bad token in command line format",
            "Fabc v             | CLIENT_ERROR bad command line format",
            "F-1                | CLIENT_ERROR bad command line format",
            "Mxx v              | CLIENT_ERROR incorrect length for M token",
            "M v                | CLIENT_ERROR incorrect length for M token",
            "Jabc               | CLIENT_ERROR invalid numeric initial value",
            "Dabc               | CLIENT_ERROR invalid numeric delta value",
            // precedence, as memcached 1.6.18 answers: duplicates and unknown flags stop at once,
            // other errors are remembered and the last one wins, except that F never overrides
            "Tabc Fabc          | CLIENT_ERROR bad token in command line format",
            "Fabc Tabc          | CLIENT_ERROR bad token in command line format",
            "Tabc Jabc          | CLIENT_ERROR invalid numeric initial value",
            "Jabc Tabc          | CLIENT_ERROR bad token in command line format",
            "Tabc Mxx           | CLIENT_ERROR incorrect length for M token",
            "Mxx Tabc           | CLIENT_ERROR bad token in command line format",
            "Fabc Mxx           | CLIENT_ERROR incorrect length for M token",
            "Mxx Fabc           | CLIENT_ERROR incorrect length for M token",
            "Fabc Jabc          | CLIENT_ERROR invalid numeric initial value",
            "Jabc Fabc          | CLIENT_ERROR invalid numeric initial value",
            "Tabc v v           | CLIENT_ERROR duplicate flag",
            "Tabc x             | CLIENT_ERROR invalid flag",
            "v O123456789012345678901234567890123 x | CLIENT_ERROR invalid flag",
            "Tabc O123456789012345678901234567890123 | CLIENT_ERROR bad token in command line format"})
    void mgFlagErrors(String flags, String error) {
        assertReplies(line("mg foo " + flags.trim()), error);
    }

    @Test
    void mgFlagBytesAbove126AreDuplicates() {
        // memcached: "mg foo \xff" and "mg foo \x7f" -> CLIENT_ERROR duplicate flag
        assertReplies(line("mg foo \u00ff"), "CLIENT_ERROR duplicate flag");
        assertReplies(line("mg foo \u007f"), "CLIENT_ERROR duplicate flag");
        assertReplies(line("mg foo v \u00e9x"), "CLIENT_ERROR duplicate flag");
    }

    @Test
    void mgOpaqueUpTo32Characters() {
        MetaGet ok = mg("mg foo " + O32 + " v");
        assertEquals(List.of(O32, "v"), tokens(ok.flags()));
        assertFalse(ok.flags().opaqueTooLong());
        // memcached still runs an mg with a 33-byte opaque and only then answers "opaque token too long",
        // so the decoder hands it on, marked
        MetaGet tooLong = mg("mg foo " + O33 + " v");
        assertTrue(tooLong.flags().opaqueTooLong());
        assertEquals(List.of(O33, "v"), tokens(tooLong.flags()));
        assertTrue(mg("mg foo v " + O33).flags().opaqueTooLong());
    }

    @ParameterizedTest
    @CsvSource({"Zm9v, foo", "Zm8=, fo", "Zg==, f", "Zm9vYmFy, foobar", "c3BhY2UgaW4ga2V5, space in key"})
    void mgBase64Keys(String encoded, String decoded) {
        MetaGet g = mg("mg " + encoded + " b v k");
        assertEquals(decoded, str(g.key()));
        assertTrue(g.flags().base64Key());
        assertEquals(List.of("b", "v", "k"), tokens(g.flags()));
    }

    @Test
    void mgBase64KeyMayHoldAnyByte() {
        assertArrayEquals(new byte[]{0, 1, 2, (byte) 0xff, ' ', '\r'}, mg("mg AAEC/yAN b").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!!", "=", "====", "Zg=", "Zm9v=", "Zm9v====", "Z"})
    void mgUndecodableBase64Keys(String encoded) {
        assertReplies(line("mg " + encoded + " b v"), DECODING_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zm9", "Zm8", "Zg", "Zm9vYg", "foo"})
    void mgUnpaddedBase64KeysAreRefused(String encoded) {
        assertReplies(line("mg " + encoded + " b v"), DECODING_KEY);
    }

    @Test
    void mgBase64SkipsInvalidCharactersLikeMemcached() {
        assertEquals("foo", str(mg("mg Zm!9v b v").key()));
        assertEquals("foo", str(mg("mg Zm9v! b v").key()));
    }

    @Test
    void mgBase64StopsAtThePaddingLikeMemcached() {
        assertEquals("fo", str(mg("mg Zm8=Zg== b k").key()));
    }

    @Test
    void mgFlagErrorsComeBeforeKeyDecodingWhichComesBeforeOpaque() {
        assertReplies(line("mg !!!! b Tabc"), BAD_TOKEN);
        assertReplies(line("mg !!!! b " + O33), DECODING_KEY);
    }

    // ---- ms ---------------------------------------------------------------------------------

    @Test
    void msWithoutFlags() {
        MetaSet s = ms("ms foo 3\r\nabc\r\n");
        assertEquals("foo", str(s.key()));
        assertEquals("abc", str(s.data()));
        assertEquals(StoreMode.SET, s.mode());
        assertEquals(List.of(), tokens(s.flags()));
    }

    @Test
    void msFlags() {
        MetaSet s = ms("ms foo 3 T60 F5 q " + O32 + " k c I\r\nabc\r\n");
        assertEquals(List.of("T60", "F5", "q", O32, "k", "c", "I"), tokens(s.flags()));
        assertEquals(60, s.flags().ttl());
        assertEquals(5, s.flags().clientFlags());
        assertTrue(s.flags().quiet());
        assertTrue(s.flags().has('I'));
        // memcached: "ms k 1 F4294967301" stores flags 5
        assertEquals(5, ms("ms foo 1 F4294967301\r\nx\r\n").flags().clientFlags());
        assertEquals(-1, ms("ms foo 1 F4294967295\r\nx\r\n").flags().clientFlags());
    }

    @Test
    void msEmptyValueAndValueWithCrlf() {
        assertEquals("", str(ms("ms foo 0\r\n\r\n").data()));
        assertEquals("a\r\nb", str(ms("ms foo 4\r\na\r\nb\r\n").data()));
    }

    @ParameterizedTest
    @CsvSource({
            "MS, SET", "ME, ADD", "MA, APPEND", "MP, PREPEND", "MR, REPLACE",
            "MS C5, CAS", "MR C5, CAS", "C5, CAS",
            // memcached: ME with C on a missing key stores (HD); MA with a wrong C -> EX, still an append
            "ME C5, ADD", "MA C5, APPEND", "MP C5, PREPEND"})
    void msModes(String flags, StoreMode mode) {
        MetaSet s = ms("ms foo 1 " + flags + "\r\nx\r\n");
        assertEquals(mode, s.mode());
        if (flags.contains("C5")) {
            assertEquals(5, s.flags().compareCas());
        }
    }

    @Test
    void msAppendWithNIsAPlainAppendIn1618() {
        assertEquals(StoreMode.APPEND, ms("ms foo 1 MA N0\r\nx\r\n").mode());
        assertEquals(StoreMode.PREPEND, ms("ms foo 1 MP N30\r\nx\r\n").mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ms", "Me", "Ma", "Mp", "Mr"})
    void msLowerCaseModesAreInvalid(String mode) {
        assertSwallowed("ms foo 2 " + mode, "CLIENT_ERROR invalid mode for ms M token");
    }

    @Test
    void msWithoutKeyOrLength() {
        assertReplies(line("ms"), ERROR);
        assertReplies(line("ms foo"), BAD_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms foo abc", "ms foo -1", "ms foo 2147483646", "ms foo 2x", "ms foo -2"})
    void msBadLengthIsBadFormatAndSwallowsNothing(String header) {
        assertNotSwallowed(header, BAD_FORMAT);
    }

    @Test
    void msTooLongKeySwallowsNothing() {
        assertNotSwallowed("ms " + repeat('k', 251) + " 2", BAD_FORMAT);
        assertNotSwallowed("ms " + repeat('k', 251) + " 2 x", BAD_FORMAT);
    }

    @Test
    void msTooManyTokensSwallowsNothing() {
        List<MemcachedCommand> out = msThenVersion("ms foo 2 " + FLAGS17);
        assertEquals(3, out.size(), () -> describe(out));
        assertReply("CLIENT_ERROR options flags too long", out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
        // one flag fewer is fine (the length token counts)
        MetaSet s = ms("ms foo 1 v k f s t c h l O1 q u N1 R1 T1 P L\r\nx\r\n");
        assertEquals(16, tokens(s.flags()).size());
    }

    @Test
    void tooManyTokensTextForMsMdMa() {
        assertNotSwallowed("ms foo 2 " + FLAGS17, "CLIENT_ERROR options flags too long");
        assertReplies(line("md foo " + FLAGS18), "CLIENT_ERROR options flags too long");
        assertReplies(line("ma foo " + FLAGS18), "CLIENT_ERROR options flags too long");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ms foo 2 T                  | CLIENT_ERROR bad token in command line format",
            "ms foo 2 x                  | CLIENT_ERROR invalid flag",
            "ms foo 2 v v                | CLIENT_ERROR duplicate flag",
            "ms foo 2 Mx                 | CLIENT_ERROR invalid mode for ms M token",
            "ms foo 2 MSS                | CLIENT_ERROR incorrect length for M token",
            "ms foo 2 O123456789012345678901234567890123 | CLIENT_ERROR opaque token too long",
            "ms foo 2 Fabc               | CLIENT_ERROR bad command line format",
            "ms foo 2 Cabc               | CLIENT_ERROR bad token in command line format",
            "ms foo 2 Mx Tabc            | CLIENT_ERROR bad token in command line format",
            "ms foo 2 Tabc Mx            | CLIENT_ERROR bad token in command line format",
            "ms foo 2 Fabc Mx            | CLIENT_ERROR bad command line format",
            "ms foo 2 Mx Fabc            | CLIENT_ERROR bad command line format",
            "ms !!!! 2 b                 | CLIENT_ERROR error decoding key",
            "ms !!!! 2 b Mx              | CLIENT_ERROR error decoding key",
            "ms !!!! 2 b O123456789012345678901234567890123 | CLIENT_ERROR error decoding key"})
    void msFlagErrorsSwallowTheDataBlock(String header, String error) {
        assertSwallowed(header.trim(), error);
    }

    @Test
    void msInvalidModeIsReportedBeforeALongOpaque() {
        assertSwallowed("ms foo 2 " + O33 + " Mx", "CLIENT_ERROR invalid mode for ms M token");
    }

    @Test
    void maInvalidModeIsReportedBeforeALongOpaque() {
        assertReplies(line("ma foo " + O33 + " Mx"), "CLIENT_ERROR invalid mode for ma M token");
        assertReplies(line("ma foo Mx " + O33), "CLIENT_ERROR invalid mode for ma M token");
    }

    @Test
    void msErrorIsEmittedOnlyOnceTheDataIsSwallowed() {
        // memcached: "ms a 5 Tabc\r\n" -> nothing until the 5 + 2 data bytes are read, then bad token
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("ms a 5 Tabc\r\n");
            assertEquals(List.of(), h.drain());
            h.write("vvvvv\r");
            assertEquals(List.of(), h.drain());
            h.write("\nmn\r\n");
            List<MemcachedCommand> out = h.drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertReply(BAD_TOKEN, out.get(0));
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void msUnpaddedBase64KeyIsRefused() {
        assertSwallowed("ms foo 2 b", DECODING_KEY);
    }

    @Test
    void msBase64Key() {
        MetaSet s = ms("ms Zm9v 2 b\r\nhi\r\n");
        assertEquals("foo", str(s.key()));
        assertTrue(s.flags().base64Key());
    }

    @Test
    void msBadDataChunkIsReportedEvenWhenQuiet() {
        // memcached: "ms foo 3 q\r\nxyzw\r\n" -> CLIENT_ERROR bad data chunk, ERROR
        assertReplies(decode("ms foo 3\r\nxyzw\r\n"), BAD_CHUNK, ERROR);
        assertReplies(decode("ms foo 3 q\r\nxyzw\r\n"), BAD_CHUNK, ERROR);
    }

    private static byte[] msThenNoop(String header, int length) {
        return concat(bytes(header + "\r\n"), bytes(repeat('v', length)), bytes("\r\nmn\r\n"));
    }

    @Test
    void msTooLargeAlwaysDropsAndAlwaysReports() {
        // memcached -I 1m: "ms a 1048516" -> HD, "ms a 1048517" -> SERVER_ERROR object too large for cache
        for (String flags : new String[]{"", " ME", " q", " MA T10"}) {
            try (DecoderHarness h = new DecoderHarness()) {
                List<MemcachedCommand> out = h.write(msThenNoop("ms a 1048517" + flags, 1048517)).drain();
                assertEquals(2, out.size(), () -> flags + ": " + describe(out));
                assertTooLarge(out.get(0), "a", true, false);
                assertInstanceOf(MetaNoop.class, out.get(1));
            }
        }
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(msThenNoop("ms a 1048516", 1048516)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertEquals(1048516, assertInstanceOf(MetaSet.class, out.get(0)).data().length);
        }
    }

    @Test
    void msTooLargeWithABase64KeyNamesTheDecodedKey() {
        try (DecoderHarness h = new DecoderHarness(1024)) {
            List<MemcachedCommand> out = h.write(msThenNoop("ms Zm9v 2000 b", 2000)).drain();
            assertTooLarge(out.get(0), "foo", true, false);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void msFlagErrorWinsOverTooLarge() {
        try (DecoderHarness h = new DecoderHarness(1024)) {
            List<MemcachedCommand> out = h.write(msThenNoop("ms a 2000 Tabc", 2000)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertReply(BAD_TOKEN, out.get(0));
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void msNonZeroFlagsCostFourBytes() {
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(msThenNoop("ms a 1048513 F1", 1048513)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertTooLarge(out.get(0), "a", true, false);
        }
    }

    // ---- md ---------------------------------------------------------------------------------

    @Test
    void mdForms() {
        MetaDelete d = assertInstanceOf(MetaDelete.class, decodeOne("md foo\r\n"));
        assertEquals("foo", str(d.key()));
        assertEquals(List.of(), tokens(d.flags()));
        MetaDelete f = assertInstanceOf(MetaDelete.class, decodeOne("md foo q O1 T30 I k\r\n"));
        assertEquals(List.of("q", "O1", "T30", "I", "k"), tokens(f.flags()));
        assertEquals(30, f.flags().ttl());
        assertTrue(f.flags().quiet());
        assertTrue(f.flags().has('I'));
        MetaDelete b = assertInstanceOf(MetaDelete.class, decodeOne("md Zm9v b\r\n"));
        assertEquals("foo", str(b.key()));
        assertEquals(17, tokens(assertInstanceOf(MetaDelete.class, decodeOne("md foo " + FLAGS17 + "\r\n")).flags()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"md foo x", "md foo v v", "md foo Tabc", "md foo Mxx", "md foo Fabc", "md !!!! b",
            "md Zm9v= b", "md foo Tabc " + "O123456789012345678901234567890123", "md !!!! b O123456789012345678901234567890123",
            "md n 1 2 3 4 5 6 7 8 9 a b c d e f g h"})
    void mdErrorsAreAllInvalidOrDuplicateFlag(String line) {
        assertReplies(line(line), INVALID_OR_DUP);
    }

    @Test
    void mdOtherErrors() {
        assertReplies(line("md"), ERROR);
        assertReplies(line("md " + repeat('k', 251)), BAD_FORMAT);
        assertReplies(line("md foo " + O33), OPAQUE_TOO_LONG);
    }

    // ---- ma ---------------------------------------------------------------------------------

    @Test
    void maDefaults() {
        MetaArithmetic a = ma("ma foo");
        assertEquals("foo", str(a.key()));
        assertTrue(a.incr());
        assertEquals(1, a.flags().delta());
        assertEquals(0, a.flags().initial());
        assertEquals(0, a.flags().vivifyTtl());
        assertEquals(0, a.flags().mode());
    }

    @Test
    void maFlags() {
        MetaArithmetic a = ma("ma foo MD D5 J10 N60 q O9 t c v");
        assertFalse(a.incr());
        assertEquals(5, a.flags().delta());
        assertEquals(10, a.flags().initial());
        assertEquals(60, a.flags().vivifyTtl());
        assertTrue(a.flags().quiet());
        assertEquals(List.of("MD", "D5", "J10", "N60", "q", "O9", "t", "c", "v"), tokens(a.flags()));
        assertEquals(-1L, ma("ma foo D18446744073709551615").flags().delta());
        assertEquals(-1L, ma("ma foo J18446744073709551615").flags().initial());
    }

    @ParameterizedTest
    @CsvSource({"M+, true", "MI, true", "M-, false", "MD, false"})
    void maModes(String mode, boolean incr) {
        assertEquals(incr, ma("ma foo " + mode).incr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mi", "Md"})
    void maLowerCaseModesAreInvalid(String mode) {
        assertReplies(line("ma foo " + mode), "CLIENT_ERROR invalid mode for ma M token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ma foo Mxx", "ma foo D-1", "ma foo Dabc", "ma foo Jabc", "ma foo v v", "ma foo x",
            "ma !!!! b", "ma !!!! b Mx", "ma !!!! b O123456789012345678901234567890123",
            "ma foo D18446744073709551616"})
    void maErrorsAreAllInvalidOrDuplicateFlag(String line) {
        assertReplies(line(line), INVALID_OR_DUP);
    }

    @Test
    void maOtherErrors() {
        assertReplies(line("ma"), ERROR);
        assertReplies(line("ma " + repeat('k', 251)), BAD_FORMAT);
        assertReplies(line("ma foo Mx"), "CLIENT_ERROR invalid mode for ma M token");
        // like mg, ma does its work and then answers "opaque token too long": handed on, marked
        assertTrue(ma("ma foo " + O33).flags().opaqueTooLong());
        assertFalse(ma("ma foo " + O32).flags().opaqueTooLong());
    }
}
