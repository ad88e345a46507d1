package dev.depot.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies for one protocol version: {@link #RESP2} (every connection starts there) or
 * {@link #RESP3} (after HELLO 3). The RESP3-only types degrade the way Redis 7.0 degrades them
 * for RESP2 clients: a map becomes a flat array of 2n, sets and pushes plain arrays, doubles,
 * big numbers and verbatim strings bulk strings, booleans the integers 1 and 0, and the one
 * RESP3 null splits into {@code $-1} (null bulk) and {@code *-1} (null array). Numbers are
 * written digit by digit, with the common small ones taken from caches; nothing allocates
 * except doubles that are not small integers. Stateless; pick the instance per connection.
 */
public final class RespWriter {
    public static final RespWriter RESP2 = new RespWriter(2);
    public static final RespWriter RESP3 = new RespWriter(3);

    /** Numbers below this have their integer reply and their "$" and "*" headers cached. */
    static final int CACHED = 1024;
    private static final byte[][] INTEGERS = cache(':');
    private static final byte[][] BULK_HEADERS = cache('$');
    private static final byte[][] ARRAY_HEADERS = cache('*');

    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] NULL_BULK = ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    private static final byte[] NULL = ascii("_\r\n");
    private static final byte[] TRUE = ascii("#t\r\n");
    private static final byte[] FALSE = ascii("#f\r\n");
    private static final byte[] ONE = ascii(":1\r\n");
    private static final byte[] ZERO = ascii(":0\r\n");
    private static final byte[] PROTOCOL_ERROR = ascii("-" + RespProtocolError.PREFIX);
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));

    private final boolean resp3;

    private RespWriter(int version) {
        this.resp3 = version == 3;
    }

    /** The writer for HELLO's protocol version. */
    public static RespWriter of(int version) {
        return switch (version) {
            case 2 -> RESP2;
            case 3 -> RESP3;
            default -> throw new IllegalArgumentException("RESP version must be 2 or 3: " + version);
        };
    }

    public int version() {
        return resp3 ? 3 : 2;
    }

    // ---- simple types ---------------------------------------------------------------------

    /** {@code +text\r\n}; CR and LF in the text become spaces, as Redis does, to keep the framing. */
    public void simpleString(ByteBuf out, String text) {
        out.writeByte('+');
        writeLine(out, text);
    }

    public void simpleString(ByteBuf out, byte[] text) {
        out.writeByte('+');
        writeLine(out, text);
    }

    public void ok(ByteBuf out) {
        out.writeBytes(OK);
    }

    /**
     * {@code -text\r\n}, with the error code included by the caller: "ERR syntax error",
     * "WRONGTYPE Operation against a key holding the wrong kind of value". UTF-8; to echo a
     * client's bytes as they are (as Redis does in "unknown command"), use the byte[] form.
     */
    public void error(ByteBuf out, String text) {
        out.writeByte('-');
        writeLine(out, text);
    }

    public void error(ByteBuf out, byte[] text) {
        out.writeByte('-');
        writeLine(out, text);
    }

    /** {@code -ERR Protocol error: <reason>\r\n}, the reason's characters written as bytes. */
    public void protocolError(ByteBuf out, RespProtocolError error) {
        out.writeBytes(PROTOCOL_ERROR);
        out.writeCharSequence(error.reason(), StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    /** {@code :<n>\r\n}. */
    public void integer(ByteBuf out, long value) {
        if (value >= 0 && value < CACHED) {
            out.writeBytes(INTEGERS[(int) value]);
            return;
        }
        out.writeByte(':');
        writeDecimal(out, value);
        out.writeBytes(CRLF);
    }

    // ---- bulk strings ---------------------------------------------------------------------

    public void bulk(ByteBuf out, byte[] value) {
        bulk(out, value, 0, value.length);
    }

    /** {@code $<length>\r\n<bytes>\r\n}. */
    public void bulk(ByteBuf out, byte[] value, int offset, int length) {
        bulkHeader(out, length);
        out.writeBytes(value, offset, length);
        out.writeBytes(CRLF);
    }

    /** A bulk string of the text in UTF-8. */
    public void bulk(ByteBuf out, String value) {
        int length = ByteBufUtil.utf8Bytes(value);
        bulkHeader(out, length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
        out.writeBytes(CRLF);
    }

    /** A bulk string of a number in decimal, e.g. a stored integer read back by GET. */
    public void bulk(ByteBuf out, long value) {
        bulkHeader(out, decimalLength(value));
        writeDecimal(out, value);
        out.writeBytes(CRLF);
    }

    /** {@code $<length>\r\n}: for callers that write the value's bytes themselves, then {@link #crlf}. */
    public void bulkHeader(ByteBuf out, long length) {
        header(out, '$', BULK_HEADERS, length);
    }

    public void crlf(ByteBuf out) {
        out.writeBytes(CRLF);
    }

    /** A missing string (GET of no key): RESP2 {@code $-1}, RESP3 {@code _}. */
    public void nullBulk(ByteBuf out) {
        out.writeBytes(resp3 ? NULL : NULL_BULK);
    }

    /** A missing array (BLPOP timing out, EXEC aborted): RESP2 {@code *-1}, RESP3 {@code _}. */
    public void nullArray(ByteBuf out) {
        out.writeBytes(resp3 ? NULL : NULL_ARRAY);
    }

    // ---- aggregates -----------------------------------------------------------------------

    /** {@code *<n>\r\n}, followed by n replies. */
    public void arrayHeader(ByteBuf out, long count) {
        header(out, '*', ARRAY_HEADERS, count);
    }

    /** RESP3 {@code %<pairs>\r\n}; RESP2 {@code *<2 pairs>\r\n}. Followed by key, value, key, value... */
    public void mapHeader(ByteBuf out, long pairs) {
        if (resp3) {
            header(out, '%', null, pairs);
        } else {
            arrayHeader(out, 2 * pairs);
        }
    }

    /** RESP3 {@code ~<n>\r\n}; RESP2 {@code *<n>\r\n}. */
    public void setHeader(ByteBuf out, long count) {
        if (resp3) {
            header(out, '~', null, count);
        } else {
            arrayHeader(out, count);
        }
    }

    /** RESP3 {@code ><n>\r\n} (pub/sub messages, invalidations); RESP2 {@code *<n>\r\n}. */
    public void pushHeader(ByteBuf out, long count) {
        if (resp3) {
            header(out, '>', null, count);
        } else {
            arrayHeader(out, count);
        }
    }

    // ---- RESP3 types, degraded for RESP2 ----------------------------------------------------

    /** RESP3 {@code ,<d>\r\n}; RESP2 a bulk string; both in {@link RespDoubles#format} form. */
    public void doubleValue(ByteBuf out, double value) {
        if (RespDoubles.isPlainInteger(value) && !(value == 0 && Double.doubleToRawLongBits(value) < 0)) {
            long integer = (long) value;
            if (resp3) {
                out.writeByte(',');
            } else {
                bulkHeader(out, decimalLength(integer));
            }
            writeDecimal(out, integer);
            out.writeBytes(CRLF);
            return;
        }
        String text = RespDoubles.format(value);
        if (resp3) {
            out.writeByte(',');
        } else {
            bulkHeader(out, text.length());
        }
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    /** RESP3 {@code #t}/{@code #f}; RESP2 {@code :1}/{@code :0}. */
    public void bool(ByteBuf out, boolean value) {
        if (resp3) {
            out.writeBytes(value ? TRUE : FALSE);
        } else {
            out.writeBytes(value ? ONE : ZERO);
        }
    }

    /** A plain-text verbatim string (INFO, CLIENT INFO...): RESP3 {@code =<n>\r\ntxt:<text>\r\n}. */
    public void verbatim(ByteBuf out, String text) {
        verbatim(out, text.getBytes(StandardCharsets.UTF_8), "txt");
    }

    /**
     * RESP3 {@code =<4 + length>\r\n<format>:<text>\r\n}, the format being three characters
     * ("txt", "mkd"); RESP2 a bulk string of the text alone.
     */
    public void verbatim(ByteBuf out, byte[] text, String format) {
        if (format.length() != 3) {
            throw new IllegalArgumentException("a verbatim format is three characters: " + format);
        }
        if (!resp3) {
            bulk(out, text);
            return;
        }
        header(out, '=', null, text.length + 4L);
        out.writeCharSequence(format, StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeBytes(text);
        out.writeBytes(CRLF);
    }

    /** RESP3 {@code (<digits>\r\n}; RESP2 a bulk string of the digits. */
    public void bigNumber(ByteBuf out, BigInteger value) {
        bigNumber(out, value.toString());
    }

    public void bigNumber(ByteBuf out, String digits) {
        if (!resp3) {
            bulk(out, digits);
            return;
        }
        out.writeByte('(');
        out.writeCharSequence(digits, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    // ---- numbers --------------------------------------------------------------------------

    private static void header(ByteBuf out, char type, byte[][] cache, long n) {
        if (cache != null && n >= 0 && n < CACHED) {
            out.writeBytes(cache[(int) n]);
            return;
        }
        out.writeByte(type);
        writeDecimal(out, n);
        out.writeBytes(CRLF);
    }

    /** A signed decimal straight into the buffer. */
    static void writeDecimal(ByteBuf out, long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        if (value == Long.MIN_VALUE) {
            out.writeBytes(LONG_MIN);
            return;
        }
        int length = decimalLength(value);
        out.ensureWritable(length);
        int end = out.writerIndex() + length;
        long rest = Math.abs(value);
        int at = end;
        do {
            out.setByte(--at, '0' + (int) (rest % 10));
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            out.setByte(--at, '-');
        }
        out.writerIndex(end);
    }

    /** Characters of {@code value} in decimal, sign included. */
    static int decimalLength(long value) {
        if (value == Long.MIN_VALUE) {
            return LONG_MIN.length;
        }
        int length = value < 0 ? 2 : 1;
        long rest = Math.abs(value);
        while (rest >= 10) {
            rest /= 10;
            length++;
        }
        return length;
    }

    private static void writeLine(ByteBuf out, String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            text = text.replace('\r', ' ').replace('\n', ' ');
        }
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    private static void writeLine(ByteBuf out, byte[] text) {
        int from = out.writerIndex();
        out.writeBytes(text);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\r' || text[i] == '\n') {
                out.setByte(from + i, ' ');
            }
        }
        out.writeBytes(CRLF);
    }

    private static byte[][] cache(char type) {
        byte[][] cache = new byte[CACHED][];
        for (int i = 0; i < CACHED; i++) {
            cache[i] = ascii(type + Integer.toString(i) + "\r\n");
        }
        return cache;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
