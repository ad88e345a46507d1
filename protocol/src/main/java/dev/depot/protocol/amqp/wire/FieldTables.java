package dev.depot.protocol.amqp.wire;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field tables ('F', and the arguments of methods and the headers property) and field arrays
 * ('A') with the type letters RabbitMQ uses, which differ from the 0-9-1 spec's (RabbitMQ's
 * errata: 's' is a signed short rather than a shortstr, 'l' a signed long-long, 'x' a byte
 * array; the spec's 'U' and 'L' do not exist). Each letter decodes to its own Java type, so a
 * decoded table encodes back to the same bytes:
 *
 * <table>
 * <caption>Field types</caption>
 * <tr><th>letter</th><th>AMQP type</th><th>Java type</th></tr>
 * <tr><td>t</td><td>boolean</td><td>Boolean (any non-zero octet is true)</td></tr>
 * <tr><td>b</td><td>signed 8-bit</td><td>Byte</td></tr>
 * <tr><td>B</td><td>unsigned 8-bit</td><td>{@link UnsignedByte}</td></tr>
 * <tr><td>s</td><td>signed 16-bit</td><td>Short</td></tr>
 * <tr><td>u</td><td>unsigned 16-bit</td><td>{@link UnsignedShort}</td></tr>
 * <tr><td>I</td><td>signed 32-bit</td><td>Integer</td></tr>
 * <tr><td>i</td><td>unsigned 32-bit</td><td>{@link UnsignedInt}</td></tr>
 * <tr><td>l</td><td>signed 64-bit</td><td>Long</td></tr>
 * <tr><td>f</td><td>32-bit float</td><td>Float</td></tr>
 * <tr><td>d</td><td>64-bit double</td><td>Double</td></tr>
 * <tr><td>D</td><td>decimal: scale octet, signed 32-bit value</td><td>BigDecimal</td></tr>
 * <tr><td>S</td><td>longstr</td><td>String if well-formed UTF-8, else {@link BinaryString}</td></tr>
 * <tr><td>x</td><td>byte array</td><td>{@link ByteArray}</td></tr>
 * <tr><td>T</td><td>timestamp</td><td>{@link Timestamp}</td></tr>
 * <tr><td>A</td><td>array</td><td>List&lt;Object&gt; of these types</td></tr>
 * <tr><td>F</td><td>table</td><td>Map&lt;String, Object&gt; of these types, in wire order</td></tr>
 * <tr><td>V</td><td>void</td><td>null</td></tr>
 * </table>
 *
 * <p>Decoded tables and arrays are unmodifiable. A key that appears twice keeps its first value,
 * the one RabbitMQ's lookups find. Tables nest at most {@value #MAX_DEPTH} deep, so that a frame
 * of nested tables cannot overflow the decoder's stack.
 */
public final class FieldTables {
    public static final int MAX_DEPTH = 64;

    private FieldTables() {
    }

    /**
     * Reads a table (its length, then its entries).
     *
     * @throws AmqpException FRAME_ERROR if it is truncated, has an unknown type letter, or nests too deep
     */
    public static Map<String, Object> read(ByteBuf in) {
        try {
            return readTable(in, 0);
        } catch (IndexOutOfBoundsException e) {
            throw malformed("truncated");
        }
    }

    /** Steps over a table, checking it as {@link #read} would, without building it. */
    public static void skip(ByteBuf in) {
        try {
            skipTable(in, 0);
        } catch (IndexOutOfBoundsException e) {
            throw malformed("truncated");
        }
    }

    /**
     * Writes {@code table} with the types above.
     *
     * @throws IllegalArgumentException for a value of any other Java type, a key longer than 255
     *                                  bytes, or a BigDecimal the 'D' type cannot hold
     */
    public static void write(ByteBuf out, Map<String, ?> table) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        for (Map.Entry<String, ?> e : table.entrySet()) {
            ShortStrings.write(out, e.getKey());
            writeValue(out, e.getValue());
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
    }

    // ---- reading ----------------------------------------------------------------------------

    private static Map<String, Object> readTable(ByteBuf in, int depth) {
        checkDepth(depth);
        int end = endOf(in);
        if (in.readerIndex() == end) {
            return Collections.emptyMap(); // most arguments tables: no garbage for them
        }
        Map<String, Object> table = new LinkedHashMap<>();
        while (in.readerIndex() < end) {
            String key = ShortStrings.readLenient(in);
            Object value = readValue(in, depth);
            if (!table.containsKey(key)) {
                table.put(key, value);
            }
        }
        checkEnd(in, end);
        return Collections.unmodifiableMap(table);
    }

    private static List<Object> readArray(ByteBuf in, int depth) {
        checkDepth(depth);
        int end = endOf(in);
        List<Object> list = new ArrayList<>();
        while (in.readerIndex() < end) {
            list.add(readValue(in, depth));
        }
        checkEnd(in, end);
        return Collections.unmodifiableList(list);
    }

    private static Object readValue(ByteBuf in, int depth) {
        byte type = in.readByte();
        return switch (type) {
            case 't' -> Boolean.valueOf(in.readByte() != 0);
            case 'b' -> Byte.valueOf(in.readByte());
            case 'B' -> new UnsignedByte(in.readUnsignedByte());
            case 's' -> Short.valueOf(in.readShort());
            case 'u' -> new UnsignedShort(in.readUnsignedShort());
            case 'I' -> Integer.valueOf(in.readInt());
            case 'i' -> new UnsignedInt(in.readUnsignedInt());
            case 'l' -> Long.valueOf(in.readLong());
            case 'f' -> Float.valueOf(Float.intBitsToFloat(in.readInt()));
            case 'd' -> Double.valueOf(Double.longBitsToDouble(in.readLong()));
            case 'D' -> readDecimal(in);
            case 'S' -> readLongString(in);
            case 'x' -> new ByteArray(LongStrings.read(in));
            case 'T' -> new Timestamp(in.readLong());
            case 'A' -> readArray(in, depth + 1);
            case 'F' -> readTable(in, depth + 1);
            case 'V' -> null;
            default -> throw unknownType(type);
        };
    }

    private static BigDecimal readDecimal(ByteBuf in) {
        int scale = in.readUnsignedByte();
        return new BigDecimal(BigInteger.valueOf(in.readInt()), scale);
    }

    private static Object readLongString(ByteBuf in) {
        int length = LongStrings.readLength(in);
        int start = in.readerIndex();
        in.skipBytes(length);
        if (ByteBufUtil.isText(in, start, length, StandardCharsets.UTF_8)) {
            return in.toString(start, length, StandardCharsets.UTF_8);
        }
        return new BinaryString(ByteBufUtil.getBytes(in, start, length));
    }

    // ---- skipping ---------------------------------------------------------------------------

    private static void skipTable(ByteBuf in, int depth) {
        checkDepth(depth);
        int end = endOf(in);
        while (in.readerIndex() < end) {
            ShortStrings.skip(in);
            skipValue(in, depth);
        }
        checkEnd(in, end);
    }

    private static void skipArray(ByteBuf in, int depth) {
        checkDepth(depth);
        int end = endOf(in);
        while (in.readerIndex() < end) {
            skipValue(in, depth);
        }
        checkEnd(in, end);
    }

    private static void skipValue(ByteBuf in, int depth) {
        byte type = in.readByte();
        switch (type) {
            case 't', 'b', 'B' -> in.skipBytes(1);
            case 's', 'u' -> in.skipBytes(2);
            case 'I', 'i', 'f' -> in.skipBytes(4);
            case 'D' -> in.skipBytes(5);
            case 'l', 'd', 'T' -> in.skipBytes(8);
            case 'S', 'x' -> LongStrings.skip(in);
            case 'A' -> skipArray(in, depth + 1);
            case 'F' -> skipTable(in, depth + 1);
            case 'V' -> {
            }
            default -> throw unknownType(type);
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    private static void writeValue(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte('V');
        } else if (value instanceof String s) {
            out.writeByte('S');
            LongStrings.writeUtf8(out, s);
        } else if (value instanceof Integer i) {
            out.writeByte('I').writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('l').writeLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte('t').writeByte(b ? 1 : 0);
        } else if (value instanceof Map<?, ?> m) {
            out.writeByte('F');
            write(out, stringKeys(m));
        } else if (value instanceof List<?> list) {
            out.writeByte('A');
            writeArray(out, list);
        } else if (value instanceof Byte b) {
            out.writeByte('b').writeByte(b);
        } else if (value instanceof UnsignedByte b) {
            out.writeByte('B').writeByte(b.value());
        } else if (value instanceof Short s) {
            out.writeByte('s').writeShort(s);
        } else if (value instanceof UnsignedShort s) {
            out.writeByte('u').writeShort(s.value());
        } else if (value instanceof UnsignedInt i) {
            out.writeByte('i').writeInt((int) i.value());
        } else if (value instanceof Float f) {
            out.writeByte('f').writeInt(Float.floatToRawIntBits(f));
        } else if (value instanceof Double d) {
            out.writeByte('d').writeLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof BigDecimal d) {
            writeDecimal(out, d);
        } else if (value instanceof Timestamp t) {
            out.writeByte('T').writeLong(t.epochSeconds());
        } else if (value instanceof ByteArray a) {
            out.writeByte('x');
            LongStrings.write(out, a.bytes());
        } else if (value instanceof BinaryString s) {
            out.writeByte('S');
            LongStrings.write(out, s.bytes());
        } else {
            throw new IllegalArgumentException("no AMQP field type for " + value.getClass().getName());
        }
    }

    private static void writeArray(ByteBuf out, List<?> list) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        for (Object value : list) {
            writeValue(out, value);
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
    }

    private static void writeDecimal(ByteBuf out, BigDecimal d) {
        if (d.scale() < 0 || d.scale() > 255 || d.unscaledValue().bitLength() > 31) {
            throw new IllegalArgumentException("decimal out of AMQP range (scale 0..255, 32-bit value): " + d);
        }
        out.writeByte('D').writeByte(d.scale()).writeInt(d.unscaledValue().intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> table) {
        for (Object key : table.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("field table keys must be strings: " + key);
            }
        }
        return (Map<String, ?>) table;
    }

    // ---- checks -----------------------------------------------------------------------------

    /** Reads a table's or array's length; returns the index where it ends. */
    private static int endOf(ByteBuf in) {
        int length = LongStrings.readLength(in);
        return in.readerIndex() + length;
    }

    /** A value that ran past the end of its table or array is as malformed as a truncated one. */
    private static void checkEnd(ByteBuf in, int end) {
        if (in.readerIndex() != end) {
            throw malformed("a value overruns its table or array");
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("tables or arrays nested more than " + MAX_DEPTH + " deep");
        }
    }

    private static AmqpException unknownType(byte type) {
        String shown = type >= 32 && type < 127 ? "'" + (char) type + "'" : Integer.toString(type & 0xFF);
        return malformed("unknown field type " + shown);
    }

    private static AmqpException malformed(String why) {
        return new AmqpException(ReplyCode.FRAME_ERROR, "invalid field table: " + why);
    }
}
