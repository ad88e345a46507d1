package dev.depot.protocol.memcached;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class MemcachedRepliesTest {
    private final ByteBuf out = Unpooled.buffer();

    @AfterEach
    void release() {
        out.release();
    }

    private String written() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void valueHeaderWithoutCas() {
        MemcachedReplies.valueHeader(out, "key".getBytes(StandardCharsets.US_ASCII), 5, 3, 99, false);
        assertEquals("VALUE key 5 3\r\n", written());
    }

    @Test
    void valueHeaderWithCas() {
        MemcachedReplies.valueHeader(out, "k".getBytes(StandardCharsets.US_ASCII), 0, 0, 12345, true);
        assertEquals("VALUE k 0 0 12345\r\n", written());
    }

    @Test
    void valueHeaderPrintsFlagsAndCasUnsigned() {
        MemcachedReplies.valueHeader(out, "k".getBytes(StandardCharsets.US_ASCII), -1, 1048576, -1L, true);
        assertEquals("VALUE k 4294967295 1048576 18446744073709551615\r\n", written());
    }

    @Test
    void valueHeaderKeepsKeyBytesAsTheyAre() {
        byte[] key = {'a', (byte) 0xe9, 'b'};
        MemcachedReplies.valueHeader(out, key, Integer.MIN_VALUE, 1, 0, true);
        byte[] expected = {'V', 'A', 'L', 'U', 'E', ' ', 'a', (byte) 0xe9, 'b', ' ',
                '2', '1', '4', '7', '4', '8', '3', '6', '4', '8', ' ', '1', ' ', '0', '\r', '\n'};
        byte[] actual = new byte[out.readableBytes()];
        out.getBytes(0, actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void lineAndCrlf() {
        MemcachedReplies.line(out, "STORED");
        MemcachedReplies.line(out, "");
        MemcachedReplies.crlf(out);
        assertEquals("STORED\r\n\r\n\r\n", written());
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0", "5, 5", "9, 9", "10, 10", "99, 99", "1234567890, 1234567890",
            "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, 9223372036854775808",
            "-1, 18446744073709551615",
            "-10, 18446744073709551606"})
    void unsigned(long value, String expected) {
        MemcachedReplies.unsigned(out, value);
        assertEquals(expected, written());
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0", "7, 7", "-7, -7", "10, 10", "-10, -10", "-1, -1",
            "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808"})
    void signed(long value, String expected) {
        MemcachedReplies.signed(out, value);
        assertEquals(expected, written());
    }

    @Test
    void piecesAppend() {
        MemcachedReplies.unsigned(out, 1);
        MemcachedReplies.signed(out, -2);
        MemcachedReplies.crlf(out);
        assertEquals("1-2\r\n", written());
    }
}
