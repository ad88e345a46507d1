package dev.depot.protocol.memcached;

import dev.depot.protocol.memcached.MemcachedCommand.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.depot.protocol.memcached.DecoderHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the decoder cuts a byte stream into lines and data blocks: line endings, empty lines,
 * spacing, commands split across reads, pipelining, and memcached's 2048-byte rule for lines
 * without a newline.
 */
class MemcachedDecoderFramingTest {

    @Test
    void linesMayEndInLfAlone() {
        // memcached: "version\n" -> VERSION
        assertInstanceOf(Version.class, decodeOne("version\n"));
        assertGet(decodeOne("get a b\n"), false, false, 0, "a", "b");
        // the command line may end in LF alone, the data block still needs CRLF
        assertStore(decodeOne("set k 0 0 1\nx\r\n"), StoreMode.SET, "k", 0, 0, 0, "x", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", " \r\n", "   \n", "\r\r\n", "\r\n\r\n"})
    void emptyLinesAreErrors(String wire) {
        List<MemcachedCommand> out = decode(wire);
        assertFalse(out.isEmpty());
        for (MemcachedCommand c : out) {
            assertReply(ERROR, c);
        }
        assertEquals(wire.chars().filter(ch -> ch == '\n').count(), out.size());
    }

    @Test
    void extraSpacesAnywhereAreIgnored() {
        assertStore(decodeOne("  set   k  1   2  3    noreply  \r\nabc\r\n"), StoreMode.SET, "k", 1, 2, 0, "abc", true);
        assertInstanceOf(Version.class, decodeOne("  version  \r\n"));
        assertGet(decodeOne("gat   5    a\r\n"), false, true, 5, "a");
    }

    @Test
    void aCommandDeliveredOneByteAtATime() {
        String wire = "set k 7 0 5\r\nhello\r\nget k\r\nincr n 3\r\nmg k v t\r\nms m 2 T10\r\nhi\r\n";
        List<MemcachedCommand> whole = decode(wire);
        try (DecoderHarness h = new DecoderHarness()) {
            h.writeBytewise(wire);
            List<MemcachedCommand> split = h.drain();
            assertEquals(5, split.size(), () -> describe(split));
            assertEquals(describe(whole), describe(split));
            assertStore(split.get(0), StoreMode.SET, "k", 7, 0, 0, "hello", false);
            assertGet(split.get(1), false, false, 0, "k");
            assertEquals(3, ((Arithmetic) split.get(2)).delta());
            assertEquals(List.of("v", "t"), tokens(((MetaGet) split.get(3)).flags()));
            MetaSet ms = (MetaSet) split.get(4);
            assertEquals("hi", str(ms.data()));
            assertEquals(10, ms.flags().ttl());
        }
    }

    @Test
    void nothingIsEmittedUntilTheLineIsComplete() {
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("get a");
            assertEquals(List.of(), h.drain());
            h.write(" b\r");
            assertEquals(List.of(), h.drain());
            h.write("\nget");
            assertGet(h.drain().get(0), false, false, 0, "a", "b");
            h.write(" c\r\n");
            assertGet(h.drain().get(0), false, false, 0, "c");
            assertTrue(h.isOpen());
        }
    }

    @Test
    void fiveHundredPipelinedCommandsInOneBuffer() {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < 125; i++) {
            wire.append("set key").append(i).append(' ').append(i).append(" 0 ").append(String.valueOf(i).length())
                    .append("\r\n").append(i).append("\r\n");
            wire.append("get key").append(i).append("\r\n");
            wire.append("incr key").append(i).append(' ').append(i + 1).append("\r\n");
            wire.append("delete key").append(i).append(" noreply\r\n");
        }
        List<MemcachedCommand> out = decode(wire.toString());
        assertEquals(500, out.size());
        for (int i = 0; i < 125; i++) {
            assertStore(out.get(4 * i), StoreMode.SET, "key" + i, i, 0, 0, String.valueOf(i), false);
            assertGet(out.get(4 * i + 1), false, false, 0, "key" + i);
            Arithmetic a = assertInstanceOf(Arithmetic.class, out.get(4 * i + 2));
            assertEquals("key" + i, str(a.key()));
            assertEquals(i + 1, a.delta());
            Delete d = assertInstanceOf(Delete.class, out.get(4 * i + 3));
            assertEquals("key" + i, str(d.key()));
            assertTrue(d.noreply());
        }
    }

    @Test
    void pipelinedErrorsDoNotDesynchronise() {
        List<MemcachedCommand> out = decode("bogus\r\nset k x 0 1\r\nget k\r\nset k 0 0 1\r\nxx\r\nmn\r\n");
        assertEquals(6, out.size(), () -> describe(out));
        assertReply(ERROR, out.get(0));
        assertReply(BAD_FORMAT, out.get(1));
        assertGet(out.get(2), false, false, 0, "k"); // the data line "get k" of the refused set
        assertReply(BAD_CHUNK, out.get(3));
        assertReply(ERROR, out.get(4)); // "\r\n" left by the bad chunk
        assertInstanceOf(MetaNoop.class, out.get(5));
    }

    // ---- lines without a newline ------------------------------------------------------------

    @Test
    void moreThan2048BytesWithoutNewlineClosesTheConnection() {
        // memcached: 2048 bytes of "x" -> nothing; 2049 -> connection closed
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat('x', 2048));
            assertTrue(h.isOpen());
            assertEquals(List.of(), h.drain());
            h.write("x");
            assertFalse(h.isOpen());
            assertEquals(List.of(), h.drain());
        }
    }

    @Test
    void exactly2048BytesThenANewlineIsJustAnUnknownCommand() {
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat('x', 2048));
            h.write("\r\nmn\r\n");
            assertTrue(h.isOpen());
            List<MemcachedCommand> out = h.drain();
            assertEquals(2, out.size());
            assertReply(ERROR, out.get(0));
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void aLongLineWhoseNewlineArrivesInTheSameReadIsParsed() {
        // memcached: 5000 x's + CRLF in one packet -> ERROR, connection open
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat('x', 5000) + "\r\nmn\r\n");
            assertTrue(h.isOpen());
            List<MemcachedCommand> out = h.drain();
            assertReply(ERROR, out.get(0));
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void aLineMustEndWithinMemcachedsSixteenKilobyteReadBuffer() {
        // memcached: 16383 x's + LF -> ERROR; 16384 x's + LF -> connection closed (its read buffer fills first)
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat('x', 16383) + "\nmn\r\n");
            assertTrue(h.isOpen());
            List<MemcachedCommand> out = h.drain();
            assertEquals(2, out.size());
            assertReply(ERROR, out.get(0));
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat('x', 16384) + "\nmn\r\n");
            assertFalse(h.isOpen());
            assertEquals(List.of(), h.drain());
        }
    }

    @Test
    void aLongLineAfterCompleteCommandsInTheSameRead() {
        // the complete commands are decoded, then the unfinished 3000-byte line closes the connection
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("set k 0 0 5\r\nhello\r\nmn\r\n" + repeat('x', 3000));
            assertFalse(h.isOpen());
            List<MemcachedCommand> out = h.drain();
            assertEquals(2, out.size(), () -> describe(out));
            assertInstanceOf(Store.class, out.get(0));
            assertInstanceOf(MetaNoop.class, out.get(1));
        }
    }

    @Test
    void aMultiGetLongerThanTheReadBufferIsDecoded() {
        // memcached: "get " + 8500 keys + CRLF (17 KB) -> answered
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("get " + "a ".repeat(8500) + "\r\n");
            assertTrue(h.isOpen());
            Get g = assertInstanceOf(Get.class, h.drain().get(0));
            assertEquals(8500, g.keys().size());
        }
    }

    @Test
    void theLimitCountsBytesAccumulatedOverSeveralReads() {
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat('s', 1000));
            h.write(repeat('s', 1000));
            h.write(repeat('s', 48));
            assertTrue(h.isOpen());
            h.write(repeat('s', 1));
            assertFalse(h.isOpen());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"get ", "gets ", " get ", "    gets "})
    void aLongMultiGetMayExceedTheLimit(String prefix) {
        StringBuilder line = new StringBuilder(prefix);
        for (int i = 0; i < 1500; i++) {
            line.append("k").append(i).append(' ');
        }
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(line.toString());
            assertTrue(h.isOpen());
            assertEquals(List.of(), h.drain());
            h.write("\r\n");
            Get g = assertInstanceOf(Get.class, h.drain().get(0));
            assertEquals(1500, g.keys().size());
            assertEquals("k0", str(g.keys().get(0)));
            assertEquals("k1499", str(g.keys().get(1499)));
            assertEquals(prefix.trim().equals("gets"), g.withCas());
        }
    }

    @Test
    void aMultiGetArrivingInManyReadsStaysOpen() {
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("get ");
            for (int i = 0; i < 1000; i++) {
                h.write("key" + i + " ");
            }
            assertTrue(h.isOpen());
            h.write("\r\n");
            assertEquals(1000, ((Get) h.drain().get(0)).keys().size());
        }
    }

    @Test
    void upTo100LeadingSpacesAreAllowedBeforeALongGet() {
        String keys = "a ".repeat(1500);
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat(' ', 100) + "get " + keys);
            assertTrue(h.isOpen());
        }
        // memcached: 101 spaces, then a long get -> closed
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(repeat(' ', 101) + "get " + keys);
            assertFalse(h.isOpen());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET ", "get\t", "gat 1 ", "gats 1 ", "set ", "mg ", "getx ", "get"})
    void otherLongLinesClose(String prefix) {
        // memcached: only "get " and "gets " may be longer (GET, get<TAB> -> closed)
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(prefix + "a ".repeat(1500));
            assertFalse(h.isOpen());
        }
    }

    @Test
    void aMultiGetLineIsNotBufferedForever() {
        try (DecoderHarness h = new DecoderHarness()) {
            String chunk = "k".repeat(200) + " ";
            chunk = chunk.repeat(80); // 16 KB a read: the decoder rescans the whole line on each read
            h.write("get ");
            int written = 4;
            while (written <= MemcachedDecoder.MAX_GET_LINE && h.isOpen()) {
                h.write(chunk);
                written += chunk.length();
            }
            assertFalse(h.isOpen());
            assertTrue(written > MemcachedDecoder.MAX_GET_LINE);
            assertTrue(written <= MemcachedDecoder.MAX_GET_LINE + chunk.length());
        }
    }

    @Test
    void aPendingDataBlockIsNotSubjectToTheLineLimit() {
        int length = 100_000;
        try (DecoderHarness h = new DecoderHarness()) {
            h.write("set k 0 0 " + length + "\r\n");
            h.writeInChunks(bytes(repeat('v', length) + "\r\n"), 4096);
            assertTrue(h.isOpen());
            List<MemcachedCommand> out = h.drain();
            assertEquals(1, out.size());
            assertEquals(length, ((Store) out.get(0)).data().length);
        }
    }

    @Test
    void aNulByteEndsTheLineLikeACString() {
        assertInstanceOf(Version.class, decodeOne("version\0junk\r\n"));
        assertGet(decodeOne("get k\0zzz\r\n"), false, false, 0, "k");
        // memcached: "set k\0x 0 0 1\r\nx\r\n" -> ERROR (the line is just "set k"), ERROR
        assertReplies(decode("set k\0x 0 0 1\r\nx\r\n"), ERROR, ERROR);
    }
}
