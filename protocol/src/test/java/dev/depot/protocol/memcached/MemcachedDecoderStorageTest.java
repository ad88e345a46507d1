package dev.depot.protocol.memcached;

import dev.depot.protocol.memcached.MemcachedCommand.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.depot.protocol.memcached.DecoderHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The classic storage commands (set add replace append prepend cas): every well-formed shape and
 * every malformed one, with the replies memcached 1.6.18 gives (checked against a real server).
 * A data line "mn" is used after refused headers: decoding it as a MetaNoop proves the decoder
 * did not swallow the data block, as memcached does not either.
 */
class MemcachedDecoderStorageTest {

    @ParameterizedTest
    @CsvSource({"set,SET", "add,ADD", "replace,REPLACE", "append,APPEND", "prepend,PREPEND"})
    void everyStorageVerbDecodesItsFields(String verb, StoreMode mode) {
        assertStore(decodeOne(verb + " k 5 100 3\r\nabc\r\n"), mode, "k", 5, 100, 0, "abc", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"set", "add", "replace", "append", "prepend"})
    void noreplyIsTheSixthToken(String verb) {
        Store s = (Store) decodeOne(verb + " k 0 0 1 noreply\r\nx\r\n");
        assertTrue(s.noreply());
    }

    @Test
    void aSixthTokenOtherThanNoreplyIsIgnored() {
        // memcached: "set a 0 0 1 2" -> STORED
        assertStore(decodeOne("set k 0 0 1 2\r\nx\r\n"), StoreMode.SET, "k", 0, 0, 0, "x", false);
        assertStore(decodeOne("set k 0 0 1 NOREPLY\r\nx\r\n"), StoreMode.SET, "k", 0, 0, 0, "x", false);
    }

    @Test
    void casCarriesItsUniqueAndNoreply() {
        assertStore(decodeOne("cas k 1 2 3 77\r\nabc\r\n"), StoreMode.CAS, "k", 1, 2, 77, "abc", false);
        assertStore(decodeOne("cas k 1 2 3 77 noreply\r\nabc\r\n"), StoreMode.CAS, "k", 1, 2, 77, "abc", true);
        assertStore(decodeOne("cas k 0 0 1 18446744073709551615\r\nx\r\n"), StoreMode.CAS, "k", 0, 0, -1L, "x", false);
        assertStore(decodeOne("cas k 0 0 1 0\r\nx\r\n"), StoreMode.CAS, "k", 0, 0, 0, "x", false);
    }

    @Test
    void emptyValue() {
        assertStore(decodeOne("set k 0 0 0\r\n\r\n"), StoreMode.SET, "k", 0, 0, 0, "", false);
    }

    @Test
    void theValueIsOpaqueBytesEvenWithCrlfInside() {
        assertStore(decodeOne("set k 0 0 7\r\na\r\nb\nc\r\r\n"), StoreMode.SET, "k", 0, 0, 0, "a\r\nb\nc\r", false);
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(concat(bytes("set bin 0 0 256\r\n"), all, bytes("\r\n"))).drain();
            assertEquals(1, out.size());
            assertArrayEquals(all, ((Store) out.get(0)).data());
        }
    }

    @Test
    void aLongestKeyOf250BytesIsAccepted() {
        String key = repeat('k', 250);
        assertStore(decodeOne("set " + key + " 0 0 1\r\nx\r\n"), StoreMode.SET, key, 0, 0, 0, "x", false);
    }

    // ---- wrong token counts -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "set", "set k", "set k 0", "set k 0 0", "set k 0 0 1 noreply extra", "set k 0 0 1 2 3",
            "add k 0 0", "replace k 0 0", "append k 0 0", "prepend k 0 0",
            "add k 0 0 1 noreply x", "replace k 0 0 1 noreply x", "append k 0 0 1 x y", "prepend k 0 0 1 x y",
            "cas", "cas k", "cas k 0 0 1", "cas k 0 0 1 5 6 7", "cas k 0 0 1 5 noreply x",
            "set k 0 0 1 noreply noreply"})
    void wrongTokenCountIsError(String line) {
        // the data line that follows is then a command of its own: "mn"
        List<MemcachedCommand> out = decode(line + "\r\nmn\r\n");
        assertEquals(2, out.size(), () -> describe(out));
        assertReply(ERROR, out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
    }

    @Test
    void wrongTokenCountIsErrorEvenWithNoreply() {
        // memcached: "set a 0 0 1 noreply x\r\nx\r\n" -> ERROR ERROR
        assertReplies(decode("set k 0 0 1 noreply x\r\nx\r\n"), ERROR, ERROR);
        assertReplies(decode("set k noreply\r\n"), ERROR);
    }

    // ---- too long keys ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"set", "add", "replace", "append", "prepend"})
    void a251ByteKeyIsBadFormatAndTheDataIsNotSwallowed(String verb) {
        List<MemcachedCommand> out = decode(verb + " " + repeat('k', 251) + " 0 0 2\r\nmn\r\n");
        assertEquals(2, out.size(), () -> describe(out));
        assertReply(BAD_FORMAT, out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
    }

    @Test
    void a251ByteKeyUnderNoreplyIsSilent() {
        List<MemcachedCommand> out = decode("set " + repeat('k', 251) + " 0 0 2 noreply\r\nmn\r\n");
        assertEquals(1, out.size(), () -> describe(out));
        assertInstanceOf(MetaNoop.class, out.get(0));
        List<MemcachedCommand> cas = decode("cas " + repeat('k', 251) + " 0 0 2 1 noreply\r\nmn\r\n");
        assertEquals(1, cas.size(), () -> describe(cas));
        assertInstanceOf(MetaNoop.class, cas.get(0));
    }

    @Test
    void casWithA251ByteKeyIsBadFormat() {
        List<MemcachedCommand> out = decode("cas " + repeat('k', 251) + " 0 0 2 1\r\nmn\r\n");
        assertReply(BAD_FORMAT, out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
    }

    // ---- bad numbers ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            // flags
            "set k -1 0 2", "set k 18446744073709551616 0 2", "set k abc 0 2", "set k 5abc 0 2", "set k 0x10 0 2",
            "set k - 0 2", "set k + 0 2", "set k 99999999999999999999999 0 2", "set k -9223372036854775808 0 2",
            // exptime
            "set k 0 abc 2", "set k 0 9223372036854775808 2", "set k 0 -9223372036854775809 2", "set k 0 1x 2",
            // length
            "set k 0 0 -1", "set k 0 0 abc", "set k 0 0 2x", "set k 0 0 2147483646", "set k 0 0 2147483647",
            "set k 0 0 -2147483648",
            // cas unique
            "cas k 0 0 2 abc", "cas k 0 0 2 -1", "cas k 0 0 2 18446744073709551616",
            "add k -1 0 2", "replace k 0 x 2", "append k 0 0 -5", "prepend k x 0 2"})
    void badNumbersAreBadFormatAndNothingIsSwallowed(String line) {
        List<MemcachedCommand> out = decode(line + "\r\nmn\r\n");
        assertEquals(2, out.size(), () -> describe(out));
        assertReply(BAD_FORMAT, out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "set k -1 0 2 noreply", "set k 18446744073709551616 0 2 noreply", "set k abc 0 2 noreply",
            "set k 0 abc 2 noreply", "set k 0 0 -1 noreply", "set k 0 0 abc noreply", "cas k 0 0 2 abc noreply",
            "add k -1 0 2 noreply", "append k 0 0 x noreply"})
    void badNumbersUnderNoreplyAreSilent(String line) {
        List<MemcachedCommand> out = decode(line + "\r\nmn\r\n");
        assertEquals(1, out.size(), () -> describe(out));
        assertInstanceOf(MetaNoop.class, out.get(0));
    }

    @ParameterizedTest
    @CsvSource({
            // flags travel as 32 bits, as memcached truncates them (safe_strtoul into a uint32)
            "4294967295, -1",
            "4294967296, 0",
            "4294967301, 5",
            "-0, 0",
            "+5, 5",
            "-9223372036854775809, -1", // strtoul wraps it to 2^63-1: memcached stores flags 4294967295
            "18446744073709551615, -1"})
    void flagsAreTruncatedTo32Bits(String flags, int expected) {
        assertStore(decodeOne("set k " + flags + " 0 1\r\nx\r\n"), StoreMode.SET, "k", expected, 0, 0, "x", false);
    }

    @ParameterizedTest
    @CsvSource({
            "-1, -1",
            "0, 0",
            "2592000, 2592000",
            "2147483647, 2147483647",
            "2147483648, -2147483648",     // memcached: STORED (int32 truncation)
            "4294967297, 1",
            "-9223372036854775808, 0",     // memcached: STORED
            "+7, 7"})
    void exptimeIsTruncatedTo32Bits(String exptime, int expected) {
        assertStore(decodeOne("set k 0 " + exptime + " 1\r\nx\r\n"), StoreMode.SET, "k", 0, expected, 0, "x", false);
    }

    @Test
    void lengthIsTruncatedTo32BitsLikeMemcached() {
        // memcached: "set a 0 0 4294967297\r\nx\r\n" -> STORED with a one byte value
        assertStore(decodeOne("set k 0 0 4294967297\r\nx\r\n"), StoreMode.SET, "k", 0, 0, 0, "x", false);
    }

    @Test
    void numbersMayEndInAStrayCarriageReturn() {
        // "set a 0 0 1\r\r\n": the length token is "1\r", which strtol accepts (memcached: STORED)
        assertStore(decodeOne("set k 0 0 1\r\r\nx\r\n"), StoreMode.SET, "k", 0, 0, 0, "x", false);
        // a leading tab is white space for strtoul as well (memcached: flags 7)
        assertStore(decodeOne("set k \t7 0 1\r\nx\r\n"), StoreMode.SET, "k", 7, 0, 0, "x", false);
    }

    // ---- bad data chunk ---------------------------------------------------------------------

    @Test
    void aDataBlockNotEndingInCrlfIsABadDataChunk() {
        // memcached: "set a 0 0 1\r\nxyz\r\n" -> CLIENT_ERROR bad data chunk, then ERROR for the "\r\n" left
        assertReplies(decode("set k 0 0 1\r\nxyz\r\n"), BAD_CHUNK, ERROR);
    }

    @Test
    void aBadDataChunkConsumesExactlyLengthPlusTwoBytes() {
        // 3 data bytes + "ab" where the CRLF belongs: then "mn" is the next command
        List<MemcachedCommand> out = decode("set k 0 0 3\r\nxyzabmn\r\n");
        assertEquals(2, out.size(), () -> describe(out));
        assertReply(BAD_CHUNK, out.get(0));
        assertInstanceOf(MetaNoop.class, out.get(1));
        // only the CR is wrong
        assertReplies(decode("set k 0 0 1\r\nx\rx"), BAD_CHUNK);
        // only the LF is wrong
        assertReplies(decode("set k 0 0 1\r\nxx\n"), BAD_CHUNK);
    }

    @Test
    void aBadDataChunkUnderNoreplyIsSilent() {
        // memcached: "set a 0 0 1 noreply\r\nxyz\r\n" -> ERROR only (for the trailing "\r\n")
        assertReplies(decode("set k 0 0 1 noreply\r\nxyz\r\n"), ERROR);
        assertReplies(decode("cas k 0 0 1 5 noreply\r\nxyz\r\n"), ERROR);
    }

    @Test
    void aDataBlockEndingInLfOnlyIsABadDataChunk() {
        // memcached: "set e 0 0 1\nx\nget e\r\n" -> CLIENT_ERROR bad data chunk, ERROR ("et e")
        assertReplies(decode("set k 0 0 1\nx\nget k\r\n"), BAD_CHUNK, ERROR);
    }

    // ---- too large --------------------------------------------------------------------------

    /** A header plus a value of {@code length} 'v's and its CRLF, then "mn\r\n". */
    private static byte[] storeThenNoop(String header, int length) {
        return concat(bytes(header + "\r\n"), bytes(repeat('v', length)), bytes("\r\nmn\r\n"));
    }

    @Test
    void theLargestValueThatFitsAMegabyteItemIsAccepted() {
        // memcached -I 1m: "set a 0 0 1048516" -> STORED, "set a 0 0 1048517" -> SERVER_ERROR object too large
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(storeThenNoop("set a 0 0 1048516", 1048516)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertEquals(1048516, ((Store) out.get(0)).data().length);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(storeThenNoop("set a 0 0 1048517", 1048517)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertTooLarge(out.get(0), "a", true, false);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void theLimitCountsTheKeyLength() {
        // item header 48 + cas 8 + key + NUL + value + CRLF <= max item size
        try (DecoderHarness h = new DecoderHarness(1000)) {
            String key = repeat('k', 41);
            int fits = 1000 - 59 - 41;
            List<MemcachedCommand> out = h.write(storeThenNoop("set " + key + " 0 0 " + fits, fits))
                    .write(storeThenNoop("set " + key + " 0 0 " + (fits + 1), fits + 1)).drain();
            assertEquals(4, out.size(), () -> describe(out));
            assertInstanceOf(Store.class, out.get(0));
            assertTooLarge(out.get(2), key, true, false);
        }
    }

    @Test
    void nonZeroFlagsCostFourBytesOfTheItemSize() {
        // memcached 1.6.18 -I 1m: "set a 1 0 1048512" -> STORED, "set a 1 0 1048513" -> SERVER_ERROR object too large
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(storeThenNoop("set a 1 0 1048512", 1048512)).drain();
            assertInstanceOf(Store.class, out.get(0));
        }
        try (DecoderHarness h = new DecoderHarness()) {
            List<MemcachedCommand> out = h.write(storeThenNoop("set a 1 0 1048513", 1048513)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertTooLarge(out.get(0), "a", true, false);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @ParameterizedTest
    @CsvSource({"set,true", "add,false", "replace,false", "append,false", "prepend,false"})
    void onlySetDropsTheExistingValueWhenTooLarge(String verb, boolean drop) {
        // memcached unlinks the old item for a too large set only (add keeps "a": VALUE a 0 1)
        try (DecoderHarness h = new DecoderHarness(1024)) {
            List<MemcachedCommand> out = h.write(storeThenNoop(verb + " a 0 0 2000", 2000)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertTooLarge(out.get(0), "a", drop, false);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void casTooLargeKeepsTheExistingValue() {
        try (DecoderHarness h = new DecoderHarness(1024)) {
            List<MemcachedCommand> out = h.write(storeThenNoop("cas a 0 0 2000 1", 2000)).drain();
            assertTooLarge(out.get(0), "a", false, false);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void tooLargeUnderNoreplyIsFlagged() {
        try (DecoderHarness h = new DecoderHarness(1024)) {
            List<MemcachedCommand> out = h.write(storeThenNoop("set a 0 0 2000 noreply", 2000)).drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertTooLarge(out.get(0), "a", true, true);
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void tooLargeSwallowsExactlyLengthPlusTwoWhateverTheBytesAre() {
        // the two bytes after the value need not be CRLF: memcached's conn_swallow just counts bytes
        try (DecoderHarness h = new DecoderHarness(1024)) {
            List<MemcachedCommand> out = h.write("set a 0 0 2000\r\n" + repeat('v', 2000) + "zzmn\r\nversion\r\n").drain();
            assertEquals(3, out.size(), () -> describe(out));
            assertTooLarge(out.get(0), "a", true, false);
            assertInstanceOf(MetaNoop.class, out.get(1));
            assertInstanceOf(Version.class, out.get(2));
        }
    }

    @Test
    void tooLargeSwallowsAcrossManyReads() {
        int length = 1_500_000;
        byte[] wire = concat(bytes("set big 0 0 " + length + "\r\n"), bytes(repeat('v', length)),
                bytes("\r\nget big\r\n"));
        for (int chunk : new int[]{1500, 997, 65536}) {
            try (DecoderHarness h = new DecoderHarness()) {
                h.writeInChunks(wire, chunk);
                List<MemcachedCommand> out = h.drain();
                assertEquals(2, out.size(), () -> "chunk " + chunk + ": " + describe(out));
                assertTooLarge(out.get(0), "big", true, false);
                assertGet(out.get(1), false, false, 0, "big");
            }
        }
    }

    @Test
    void tooLargeIsReportedOnlyOnceItsDataIsGone() {
        // memcached answers SERVER_ERROR object too large only after it has swallowed the data block
        try (DecoderHarness h = new DecoderHarness(1024)) {
            h.write("set a 0 0 5000\r\n");
            assertEquals(List.of(), h.drain());
            // 4998 of the 5002 bytes to swallow: "mn" inside the data is not a command
            h.write(repeat('v', 4990) + "mn\r\nvvvv");
            assertEquals(List.of(), h.drain());
            h.write("vv\r");
            assertEquals(List.of(), h.drain());
            h.write("\n");
            List<MemcachedCommand> done = h.drain();
            assertEquals(1, done.size(), () -> describe(done));
            assertTooLarge(done.get(0), "a", true, false);
            h.write("mn\r\n");
            List<MemcachedCommand> out = h.drain();
            assertEquals(1, out.size(), () -> describe(out));
            assertInstanceOf(MetaNoop.class, out.get(0));
        }
    }

    @Test
    void tooLargeUnderNoreplyIsStillEmittedForTheDrop() {
        try (DecoderHarness h = new DecoderHarness(1024)) {
            h.write("set a 0 0 2000 noreply\r\n" + repeat('v', 1000));
            assertEquals(List.of(), h.drain());
            h.write(repeat('v', 1000) + "\r\n");
            List<MemcachedCommand> out = h.drain();
            assertEquals(1, out.size());
            assertTooLarge(out.get(0), "a", true, true);
        }
    }

    @Test
    void aDataBlockArrivingInPiecesIsAssembled() {
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("set k 3 0 10\r\n");
            assertEquals(List.of(), h.drain());
            h.write("01234");
            assertEquals(List.of(), h.drain());
            h.write("56789\r");
            assertEquals(List.of(), h.drain());
            h.write("\n");
            List<MemcachedCommand> out = h.drain();
            assertEquals(1, out.size());
            assertStore(out.get(0), StoreMode.SET, "k", 3, 0, 0, "0123456789", false);
        }
    }
}
