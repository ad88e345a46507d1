package dev.depot.protocol.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.depot.protocol.resp.RespHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How the decoder cuts a byte stream into requests: multibulk and inline, pipelines, requests
 * split across reads, big arguments, and the leniencies of Redis 7.0's parser. Every
 * expectation was checked against redis-server 7.0.15.
 */
class RespDecoderFramingTest {

    @Test
    void multibulkCommandsKeepTheirBytesAndCase() {
        assertDecodes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n", "[SET, k, hello]");
        assertDecodes("*1\r\n$4\r\nPiNg\r\n", "[PiNg]"); // folding case is the server's job
        assertDecodes("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", "[ECHO, ]");
    }

    @Test
    void bulkArgumentsAreBinarySafe() {
        String value = "a\r\nb\0c\u00ff*$\n";
        List<String> out = decode(multibulk("SET", "k", value));
        assertEquals(List.of("[SET, k, " + value + "]"), out);
        RespCommand c;
        try (RespHarness h = new RespHarness()) {
            c = (RespCommand) h.write(multibulk("SET", "k", value)).drain().get(0);
        }
        assertEquals(3, c.argc());
        assertArrayEquals(bytes(value), c.arg(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*0\r\n", "*-1\r\n", "*-5\r\n", "*-2147483648\r\n", "*-9223372036854775808\r\n"})
    void countsOfZeroOrLessAreSkipped(String count) {
        // redis: "*-1\r\nPING\r\n" -> +PONG, connection open
        assertDecodes(count + "PING\r\n", "[PING]");
        assertDecodes(count + count + multibulk("PING"), "[PING]");
    }

    @Test
    void theTwoBytesAfterABulkAreNotChecked() {
        // redis: "*1\r\n$4\r\nPINGXY*1\r\n$4\r\nPING\r\n" -> +PONG +PONG
        assertDecodes("*1\r\n$4\r\nPINGXY*1\r\n$4\r\nPING\r\n", "[PING]", "[PING]");
        assertDecodes("*2\r\n$1\r\na\r\r$1\r\nb\n\n", "[a, b]");
    }

    @Test
    void theByteAfterACountLinesCarriageReturnIsNotChecked() {
        // redis: "*1\rX$4\r\nPING\r\n" -> +PONG; likewise after a "$" line
        assertDecodes("*1\rX$4\r\nPING\r\n", "[PING]");
        assertDecodes("*1\r\n$4\rXPING\r\n", "[PING]");
    }

    @Test
    void aCountLineEndingInACarriageReturnWaitsForOneMoreByte() {
        try (RespHarness h = new RespHarness()) {
            h.write("*1\r");
            assertEquals(List.of(), h.drain());
            h.write("\n$4\r");
            assertEquals(List.of(), h.drain());
            h.write("\nPING\r");
            assertEquals(List.of(), h.drain()); // the bulk wants its two trailing bytes
            h.write("\n");
            assertEquals(List.of("[PING]"), show(h.drain()));
        }
    }

    @Test
    void inlineCommands() {
        assertDecodes("PING\r\n", "[PING]");
        assertDecodes("PING\n", "[PING]");
        assertDecodes("PING\r\r\n", "[PING]"); // only the CR right before the LF is dropped
        assertDecodes("set  k   \"hello world\"\r\n", "[set, k, hello world]");
        // redis: "PI\rNG\r\n" -> unknown command 'PI', with args beginning with: 'NG'
        assertDecodes("PI\rNG\r\n", "[PI, NG]");
        assertDecodes("  ECHO\tx \r\n", "[ECHO, x]");
    }

    @Test
    void blankInlineLinesAreSkipped() {
        // redis answers only the PING
        assertDecodes("\r\n\r\n  \r\n\n\t\r\nPING\r\n", "[PING]");
        assertDecodes("\u000b\u000c\r\nPING\r\n", "[PING]");
        assertDecodes("*1\r\n$4\r\nPING\r\n\r\nPING\r\n", "[PING]", "[PING]");
    }

    @Test
    void nothingIsEmittedBeforeTheLineEnds() {
        try (RespHarness h = new RespHarness()) {
            h.write("ECHO a\r"); // redis: no reply yet
            assertEquals(List.of(), h.drain());
            h.write("\n*2\r\n$4\r\nECHO\r\n$3\r\nab");
            assertEquals(List.of("[ECHO, a]"), show(h.drain()));
            h.write("c\r\n");
            assertEquals(List.of("[ECHO, abc]"), show(h.drain()));
            assertTrue(h.isOpen());
        }
    }

    @Test
    void aPipelineOfThousandsOfCommandsInOneBuffer() {
        StringBuilder wire = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            if (i % 3 == 0) {
                wire.append("INCR counter:").append(i).append("\r\n");
                expected.add("[INCR, counter:" + i + "]");
            } else {
                wire.append(multibulk("SET", "key:" + i, "value " + i));
                expected.add("[SET, key:" + i + ", value " + i + "]");
            }
        }
        assertEquals(expected, decode(wire.toString()));
    }

    @Test
    void anyWayOfSplittingTheStreamGivesTheSameCommands() {
        String wire = multibulk("SET", "k", "v\r\nw") + "GET k\r\n" + "*0\r\n" + "\r\n"
                + multibulk("MSET", "a", "1", "b", "") + "  echo \"x\\x41\\n\" 'y z'\n" + multibulk("PING")
                + "*1\r\n$4\r\nPINGXY" + "*-1\r\n" + multibulk("DEL", "k");
        List<String> whole = decode(wire);
        assertEquals(List.of("[SET, k, v\r\nw]", "[GET, k]", "[MSET, a, 1, b, ]", "[echo, xA\n, y z]", "[PING]",
                "[PING]", "[DEL, k]"), whole);
        assertEquals(whole, decodeBytewise(wire));
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            try (RespHarness h = new RespHarness()) {
                byte[] all = bytes(wire);
                int at = 0;
                while (at < all.length) {
                    int n = Math.min(all.length - at, 1 + random.nextInt(20));
                    h.write(java.util.Arrays.copyOfRange(all, at, at + n));
                    at += n;
                }
                assertEquals(whole, show(h.drain()));
            }
        }
    }

    @Test
    void bigArgumentsInOneReadOrManyReads() {
        for (int size : new int[] {RespDecoder.BIG_ARG - 1, RespDecoder.BIG_ARG, 100_000, 1 << 20}) {
            String value = "x".repeat(size - 1) + "!";
            byte[] wire = bytes(multibulk("SET", "k", value) + multibulk("GET", "k"));
            for (int chunk : new int[] {wire.length, 65536, 1000, 4097}) {
                try (RespHarness h = new RespHarness()) {
                    h.writeInChunks(wire, chunk);
                    List<RespRequest> out = h.drain();
                    assertEquals(2, out.size(), "size " + size + " chunk " + chunk);
                    byte[] got = ((RespCommand) out.get(0)).arg(2);
                    assertEquals(size, got.length);
                    assertEquals('!', got[size - 1]);
                    assertEquals("[GET, k]", show(out.get(1)));
                }
            }
        }
    }

    @Test
    void aBigArgumentWaitsForItsTrailingBytes() {
        String value = "y".repeat(50_000);
        try (RespHarness h = new RespHarness()) {
            h.write("*2\r\n$4\r\nECHO\r\n$50000\r\n" + value);
            assertEquals(List.of(), h.drain());
            h.write("\r");
            assertEquals(List.of(), h.drain());
            h.write("\nPING\r\n");
            List<String> out = show(h.drain());
            assertEquals(List.of("[ECHO, " + value + "]", "[PING]"), out);
        }
    }

    @Test
    void aHugeAnnouncedBulkIsAcceptedAndAwaited() {
        // redis: "*1\r\n$536870912\r\n" -> no reply, open (proto-max-bulk-len is 512 MB)
        try (RespHarness h = new RespHarness()) {
            h.write("*1\r\n$536870912\r\n");
            h.write("abc");
            assertEquals(List.of(), h.drain());
            assertTrue(h.isOpen());
        }
        // redis: "*2147483647\r\n" -> no reply, open
        assertEquals(List.of(), decode("*2147483647\r\n$4\r\nPING\r\n"));
        assertEquals(List.of(error("expected '$', got '*'")), decode("*2147483647\r\n*1\r\n"));
    }

    @Test
    void theBulkLimitIsConfigurable() {
        try (RespHarness h = new RespHarness(1024)) {
            h.write("*2\r\n$4\r\nECHO\r\n$1024\r\n" + "z".repeat(1024) + "\r\n");
            assertEquals(1, h.drain().size());
            h.write("*2\r\n$4\r\nECHO\r\n$1025\r\n");
            assertEquals(List.of(error("invalid bulk length")), show(h.drain()));
        }
        assertThrows(IllegalArgumentException.class, () -> new RespDecoder(-1));
        assertThrows(IllegalArgumentException.class, () -> new RespDecoder(Integer.MAX_VALUE));
    }

    @Test
    void aLongInlineLineIsFineWhenItsEndIsAlreadyThere() {
        // redis: "ECHO " + 70000 x "a" + "\r\n" in one send -> the 70000-byte bulk reply
        String arg = "a".repeat(70_000);
        assertEquals(List.of("[ECHO, " + arg + "]"), decode("ECHO " + arg + "\r\n"));
        try (RespHarness h = new RespHarness()) {
            h.write("ECHO " + arg.substring(0, 60_000));
            h.write(arg.substring(60_000) + "\r\n");
            assertEquals(List.of("[ECHO, " + arg + "]"), show(h.drain()));
        }
    }

    @Test
    void linesUpTo64KbWithoutAnEndAreAwaited() {
        for (String wire : new String[] {"E".repeat(65536), "*" + "1".repeat(65535), "*1\r\n$" + "1".repeat(65535)}) {
            try (RespHarness h = new RespHarness()) {
                h.write(wire);
                assertEquals(List.of(), h.drain());
                assertTrue(h.isOpen());
            }
        }
    }

    @Test
    void aNulHidesTheLineEndForGood() {
        // Redis finds line ends with strchr, which stops at a NUL: these connections just wait
        for (String wire : new String[] {"*1\0\r\n", "\0PING\r\n", "PING\0\r\n", "*1\r\n\0\r\n", "*1\r\n$4\0\r\nPING\r\n"}) {
            try (RespHarness h = new RespHarness()) {
                h.write(wire);
                h.write(multibulk("PING"));
                assertEquals(List.of(), h.drain(), printable(wire));
                assertTrue(h.isOpen());
            }
        }
        // a NUL inside a quoted inline argument: "DEL l" runs, then the connection hangs
        assertEquals(List.of("[DEL, l]"), decode("DEL l\r\nRPUSH l \"a\0b\"\r\nPING\r\n"));
    }

    @Test
    void authenticationLimitsApplyOnlyWhileRequired() {
        try (RespHarness h = new RespHarness()) {
            h.decoder().setAuthRequired(true);
            h.write("*10\r\n");
            assertEquals(List.of(), h.drain());
        }
        try (RespHarness h = new RespHarness()) {
            h.decoder().setAuthRequired(true);
            h.write("*2\r\n$4\r\nAUTH\r\n$16384\r\n" + "p".repeat(16384) + "\r\n");
            assertEquals(1, h.drain().size());
            h.decoder().setAuthRequired(false);
            h.write(multibulk("SET", "k", "v".repeat(20_000)) + "*11\r\n");
            assertEquals(1, h.drain().size());
            assertTrue(h.isOpen());
        }
    }

    @Test
    void argumentsAreCopiesTheServerMayKeep() {
        try (RespHarness h = new RespHarness()) {
            byte[] wire = bytes(multibulk("SET", "k", "v"));
            h.write(wire);
            RespCommand c = (RespCommand) h.drain().get(0);
            java.util.Arrays.fill(wire, (byte) 'z');
            assertEquals("[SET, k, v]", show(c));
        }
    }
}
