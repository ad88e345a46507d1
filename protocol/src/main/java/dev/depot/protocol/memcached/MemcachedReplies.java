package dev.depot.protocol.memcached;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** Encodes the pieces of memcached replies straight into a buffer, without Strings for numbers. */
public final class MemcachedReplies {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] VALUE = "VALUE ".getBytes(StandardCharsets.US_ASCII);

    private MemcachedReplies() {
    }

    /** {@code VALUE <key> <flags> <bytes>[ <cas>]\r\n}. */
    public static void valueHeader(ByteBuf out, byte[] key, int flags, int length, long cas, boolean withCas) {
        out.writeBytes(VALUE).writeBytes(key).writeByte(' ');
        unsigned(out, flags & 0xffffffffL);
        out.writeByte(' ');
        unsigned(out, length);
        if (withCas) {
            out.writeByte(' ');
            unsigned(out, cas);
        }
        out.writeBytes(CRLF);
    }

    public static void line(ByteBuf out, String text) {
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    public static void crlf(ByteBuf out) {
        out.writeBytes(CRLF);
    }

    /** An unsigned 64-bit number in decimal. */
    public static void unsigned(ByteBuf out, long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        out.writeCharSequence(Long.toUnsignedString(value), StandardCharsets.US_ASCII);
    }

    /** A signed number in decimal. */
    public static void signed(ByteBuf out, long value) {
        if (value < 0) {
            out.writeByte('-');
            unsigned(out, -value);
        } else {
            unsigned(out, value);
        }
    }
}
