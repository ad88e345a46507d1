package dev.depot.protocol.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.depot.protocol.resp.RespHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Malformed requests and Redis 7.0's answers: "-ERR Protocol error: <reason>" and then the
 * connection closes, whatever follows. Each case was sent to redis-server 7.0.15 over a raw
 * socket; the comments show what came back.
 */
class RespDecoderErrorsTest {

    /** {@code wire} ends in a protocol error (after nothing else), whole and byte by byte. */
    private static void assertError(String wire, String reason) {
        assertDecodes(wire, error(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*abc\r\n", "*\r\n", "*01\r\n", "*-0\r\n", "*1 \r\n", "* 1\r\n", "*+1\r\n", "*1a\r\n",
            "*2147483648\r\n", "*9223372036854775808\r\n", "*123456789012345678901\r\n", "*1\n$4\r\nPING\r\n"})
    void invalidMultibulkLength(String wire) {
        // e.g. redis: "*abc\r\n" -> -ERR Protocol error: invalid multibulk length, closed.
        // "*1\n$4\r\n...": the count runs up to the first CR, so it reads "1\n$4".
        assertError(wire, "invalid multibulk length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$abc", "$-1", "$", "$01", "$-0", "$4 ", "$ 4", "$+4", "$536870913",
            "$111111111111111111111111111111", "$9223372036854775808"})
    void invalidBulkLength(String line) {
        // redis: "*1\r\n$-1\r\n" -> -ERR Protocol error: invalid bulk length, closed
        assertError("*1\r\n" + line + "\r\n", "invalid bulk length");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "*1\\r\\n+foo\\r\\n|+",
            "*1\\r\\nfoo\\r\\n|f",
            "*2\\r\\n$1\\r\\na\\r\\n:1\\r\\n|:",
            "*1\\r\\n*1\\r\\n|*",
            "*1\\r\\n\\r\\n|` `",  // the CR itself, shown as a space
            "*1\\r\\n\\n\\r\\n|` `", // an LF, shown as a space too
    })
    void expectedDollar(String escaped, String shown) {
        String wire = escaped.replace("\\r", "\r").replace("\\n", "\n");
        // redis: "*1\r\n+foo\r\n" -> -ERR Protocol error: expected '$', got '+', closed
        assertError(wire, "expected '$', got '" + shown + "'");
    }

    @Test
    void expectedDollarEchoesTheRawByte() {
        // redis: "*1\r\n\xff\r\n" -> -ERR Protocol error: expected '$', got '\xff' (the byte itself)
        assertError("*1\r\n\u00ff\r\n", "expected '$', got '\u00ff'");
        List<RespRequest> out;
        try (RespHarness h = new RespHarness()) {
            out = h.write("*1\r\n\u00ff\r\n").drain();
        }
        byte[] text = ((RespProtocolError) out.get(0)).text();
        assertEquals((byte) 0xff, text[text.length - 2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unbalanced\r\n", "'unbalanced\r\n", "\"a\"b\r\n", "'a'b\r\n", "\"abc\\\"\r\n",
            "\"abc\\\r\n", "\"a\"\"b\"\r\n", "'a\\\\'\r\n", "a\"b\"c\n"})
    void unbalancedQuotes(String wire) {
        // redis: "\"unbalanced\r\n" -> -ERR Protocol error: unbalanced quotes in request, closed
        assertError(wire, "unbalanced quotes in request");
    }

    @Test
    void tooBigMultibulkCountString() {
        // redis: "*" + 65535 x "1" -> waits; one byte more -> the error, closed
        assertError("*" + "1".repeat(65536), "too big mbulk count string");
        assertError("*1" + "a".repeat(70_000), "too big mbulk count string");
        // a NUL hides the CR; the buffer then grows past 64 KB
        assertError("*1\0" + "a".repeat(70_000), "too big mbulk count string");
    }

    @Test
    void tooBigBulkCountString() {
        // counted from the start of the "$" line
        assertError("*1\r\n$" + "1".repeat(65536), "too big bulk count string");
        assertError("*1\r\n\0" + "a".repeat(70_000), "too big bulk count string");
    }

    @Test
    void tooBigInlineRequest() {
        assertError("E".repeat(65537), "too big inline request");
        assertError("ECHO " + "a".repeat(70_000), "too big inline request");
        assertError("\0PING" + "a".repeat(70_000), "too big inline request");
    }

    @Test
    void theLimitCountsFromTheCurrentLineOnly() {
        // complete requests before the long line are not counted
        String before = multibulk("SET", "k", "v".repeat(40_000));
        assertDecodes(before + "E".repeat(65536), "[SET, k, " + "v".repeat(40_000) + "]");
    }

    @Test
    void unauthenticatedLimits() {
        // redis with requirepass, before AUTH: "*11\r\n" -> unauthenticated multibulk length;
        // "*1\r\n$16385\r\n" -> unauthenticated bulk length; both closed. 10 and 16384 wait.
        for (String[] c : new String[][] {{"*11\r\n", "unauthenticated multibulk length"},
                {"*-1\r\n*11\r\n", "unauthenticated multibulk length"},
                {"*1\r\n$16385\r\n", "unauthenticated bulk length"},
                // the general checks come first
                {"*2147483648\r\n", "invalid multibulk length"},
                {"*1\r\n$536870913\r\n", "invalid bulk length"}}) {
            try (RespHarness h = new RespHarness()) {
                h.decoder().setAuthRequired(true);
                assertEquals(List.of(error(c[1])), show(h.write(c[0]).drain()), c[0]);
            }
        }
    }

    @Test
    void commandsBeforeTheErrorStillRunAndNothingAfterIsDecoded() {
        // redis: "PING\r\n*1\r\n+x\r\nPING\r\n" -> +PONG, then the error, closed
        try (RespHarness h = new RespHarness()) {
            h.write("PING\r\n*1\r\n+x\r\nPING\r\n");
            assertEquals(List.of("[PING]", error("expected '$', got '+'")), show(h.drain()));
            h.write(multibulk("PING") + "PING\r\n");
            assertEquals(List.of(), h.drain());
            assertTrue(h.isOpen(), "closing is the server's job, after flushing the error");
        }
    }

    @Test
    void anErrorWaitsForTheCompleteLineLikeRedis() {
        // redis: "*1\r\n+foo" (no CR yet) -> no reply; the line is judged once it ends
        try (RespHarness h = new RespHarness()) {
            h.write("*1\r\n+foo");
            assertEquals(List.of(), h.drain());
            h.write("\r");
            assertEquals(List.of(), h.drain());
            h.write("\n");
            assertEquals(List.of(error("expected '$', got '+'")), show(h.drain()));
        }
        try (RespHarness h = new RespHarness()) {
            h.write("*abc");
            assertEquals(List.of(), h.drain());
            h.write("\r\n");
            assertEquals(List.of(error("invalid multibulk length")), show(h.drain()));
        }
    }

    @Test
    void theErrorLineAsWritten() {
        RespProtocolError e = new RespProtocolError("invalid bulk length");
        assertEquals("ERR Protocol error: invalid bulk length", str(e.text()));
        assertEquals("-ERR Protocol error: invalid bulk length\r\n", written(b -> RespWriter.RESP2.protocolError(b, e)));
        assertEquals("-ERR Protocol error: expected '$', got '\u00ff'\r\n",
                written(b -> RespWriter.RESP3.protocolError(b, new RespProtocolError("expected '$', got '\u00ff'"))));
    }
}
