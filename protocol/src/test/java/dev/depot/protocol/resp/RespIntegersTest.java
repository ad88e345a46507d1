package dev.depot.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.depot.protocol.resp.RespHarness.bytes;
import static org.junit.jupiter.api.Assertions.*;

/** string2ll, checked against redis-server 7.0.15 with {@code INCRBY k <x>} and {@code SET k <x>; INCR k}. */
class RespIntegersTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "-1,-1", "10,10", "1234567890,1234567890",
            "9223372036854775807,9223372036854775807", "-9223372036854775808,-9223372036854775808"})
    void accepted(String text, long value) {
        long[] out = {42};
        assertTrue(RespIntegers.parse(bytes(text), out), text);
        assertEquals(value, out[0]);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes("x" + text + "y"));
        out[0] = 42;
        assertTrue(RespIntegers.parse(buf, 1, 1 + text.length(), out));
        assertEquals(value, out[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "-0", "00", "01", "-01", "+1", "1 ", " 1", "1a", "0x10", "1.0", "1e3",
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "99999999999999999999",
            "-99999999999999999999", "00000000000000000001", "1\0", "\u00ff1"})
    void refused(String text) {
        // redis: ERR value is not an integer or out of range
        long[] out = {42};
        assertFalse(RespIntegers.parse(bytes(text), out), text);
        assertFalse(RespIntegers.parse(Unpooled.wrappedBuffer(bytes(text)), 0, text.length(), out), text);
        assertEquals(42, out[0]);
    }

    @Test
    void aRangeOfAnArray() {
        long[] out = new long[1];
        byte[] s = bytes("ab-123cd");
        assertTrue(RespIntegers.parse(s, 2, 6, out));
        assertEquals(-123, out[0]);
        assertFalse(RespIntegers.parse(s, 2, 2, out));
    }
}
