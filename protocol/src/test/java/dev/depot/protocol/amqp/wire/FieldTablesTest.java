package dev.depot.protocol.amqp.wire;

import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.ValueReader;
import com.rabbitmq.client.impl.ValueWriter;
import dev.depot.protocol.amqp.TestBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FieldTablesTest {

    /** One entry per type letter (key = the letter), bytes written by hand from the spec and RabbitMQ's errata. */
    @Test
    void everyTypeDecodesToItsJavaTypeAndEncodesBackByteForByte() {
        byte[] entries = TestBytes.hex(
                "01 74 74 01"
                        + "01 62 62 80"
                        + "01 42 42 ff"
                        + "01 73 73 8000"
                        + "01 75 75 ffff"
                        + "01 49 49 80000000"
                        + "01 69 69 ffffffff"
                        + "01 6c 6c 8000000000000000"
                        + "01 66 66 3fc00000"
                        + "01 64 64 c002000000000000"
                        + "01 44 44 02 fffffec6"
                        + "01 53 53 00000003 c3a961"
                        + "01 78 78 00000002 00ff"
                        + "01 54 54 0000000065937d25"
                        + "01 41 41 00000006 4900000001 56"
                        + "01 46 46 00000007 016b 74 00 01 56 56"
                        + "01 56 56");
        byte[] wire = withLength(entries);
        Map<String, Object> table = FieldTables.read(Unpooled.wrappedBuffer(wire));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("t", true);
        expected.put("b", (byte) -128);
        expected.put("B", new UnsignedByte(255));
        expected.put("s", Short.MIN_VALUE);
        expected.put("u", new UnsignedShort(65535));
        expected.put("I", Integer.MIN_VALUE);
        expected.put("i", new UnsignedInt(0xFFFF_FFFFL));
        expected.put("l", Long.MIN_VALUE);
        expected.put("f", 1.5f);
        expected.put("d", -2.25);
        expected.put("D", new BigDecimal("-3.14"));
        expected.put("S", "éa");
        expected.put("x", new ByteArray(new byte[] {0, -1}));
        expected.put("T", new Timestamp(1704164645L));
        expected.put("A", Arrays.asList(1, null));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", false);
        nested.put("V", null);
        expected.put("F", nested);
        expected.put("V", null);
        assertEquals(expected, table);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(table.keySet()), "wire order kept");
        table.forEach((k, v) -> assertEquals(javaType(expected.get(k)), javaType(v), "Java type of " + k));

        assertEquals(TestBytes.hex(wire), TestBytes.hex(write(table)));
        assertEquals(TestBytes.hex(wire), TestBytes.hex(write(expected)));
    }

    @Test
    void decodedTablesAndArraysAreUnmodifiable() {
        Map<String, Object> table = FieldTables.read(Unpooled.wrappedBuffer(withLength(TestBytes.hex("01 41 41 00000005 4900000001"))));
        assertThrows(UnsupportedOperationException.class, () -> table.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) table.get("A")).clear());
        assertEquals(Map.of(), FieldTables.read(Unpooled.wrappedBuffer(TestBytes.hex("00000000"))));
    }

    @Test
    void aLongStringThatIsNotUtf8StaysBytes() {
        byte[] wire = withLength(TestBytes.hex("01 53 53 00000002 ff fe"));
        Map<String, Object> table = FieldTables.read(Unpooled.wrappedBuffer(wire));
        assertEquals(new BinaryString(new byte[] {-1, -2}), table.get("S"));
        assertArrayEquals(wire, write(table));
    }

    @Test
    void aRepeatedKeyKeepsItsFirstValueAsRabbitMqLooksItUp() {
        byte[] wire = withLength(TestBytes.hex("01 6b 49 00000001 01 6b 49 00000002"));
        assertEquals(Map.of("k", 1), FieldTables.read(Unpooled.wrappedBuffer(wire)));
    }

    @Test
    void readsAndSkipsExactlyTheTableLeavingWhatFollows() {
        ByteBuf in = Unpooled.wrappedBuffer(TestBytes.concat(withLength(TestBytes.hex("01 6b 74 01")), TestBytes.hex("abcd")));
        assertEquals(Map.of("k", true), FieldTables.read(in));
        assertEquals(2, in.readableBytes());
        in.readerIndex(0);
        FieldTables.skip(in);
        assertEquals(2, in.readableBytes());
    }

    // ---- malformed tables: always FRAME_ERROR, never another exception ------------------------

    @Test
    void anUnknownTypeLetterIsRefused() {
        assertMalformed("invalid field table: unknown field type 'Z'", withLength(TestBytes.hex("01 6b 5a 6162")));
        // the spec's 'U' and 'L', which RabbitMQ does not speak
        assertMalformed("invalid field table: unknown field type 'U'", withLength(TestBytes.hex("01 6b 55 0001")));
        assertMalformed("invalid field table: unknown field type 'L'", withLength(TestBytes.hex("01 6b 4c 0000000000000001")));
        assertMalformed("invalid field table: unknown field type 0", withLength(TestBytes.hex("01 6b 00")));
    }

    @Test
    void truncationAndOverrunsAreRefused() {
        assertMalformed("invalid field table: truncated", TestBytes.hex("0000"));
        assertMalformed("invalid field table: truncated", TestBytes.hex("00000010 016b"));
        // a longstr claiming more than the table holds
        assertMalformed("invalid field table: truncated", withLength(TestBytes.hex("01 6b 53 00000009 6162")));
        // a length of 4 GB
        assertMalformed("invalid field table: truncated", TestBytes.hex("ffffffff 00"));
        // the value runs past the table's declared end into the bytes after it
        assertMalformed("invalid field table: a value overruns its table or array", TestBytes.hex("00000004 016b 4900000001"));
        // an array whose last value runs past its end
        assertMalformed("invalid field table: a value overruns its table or array",
                withLength(TestBytes.hex("01 41 41 00000002 4900000001")));
    }

    @Test
    void nestingIsLimitedSoThatNoFrameOverflowsTheStack() {
        byte[] deepest = TestBytes.hex("00000000");
        for (int i = 0; i < FieldTables.MAX_DEPTH; i++) {
            deepest = withLength(TestBytes.concat(TestBytes.hex("01 6b 46"), deepest));
        }
        FieldTables.read(Unpooled.wrappedBuffer(deepest));
        FieldTables.skip(Unpooled.wrappedBuffer(deepest));
        byte[] tooDeep = withLength(TestBytes.concat(TestBytes.hex("01 6b 46"), deepest));
        assertMalformed("invalid field table: tables or arrays nested more than 64 deep", tooDeep);

        byte[] arrays = TestBytes.hex("00000000");
        for (int i = 0; i < 10_000; i++) {
            arrays = TestBytes.concat(TestBytes.hex("41"), withLength(arrays));
        }
        assertMalformed("invalid field table: tables or arrays nested more than 64 deep",
                withLength(TestBytes.concat(TestBytes.hex("01 6b"), arrays)));
    }

    private static void assertMalformed(String detail, byte[] wire) {
        AmqpException read = assertThrows(AmqpException.class, () -> FieldTables.read(Unpooled.wrappedBuffer(wire)));
        assertEquals(ReplyCode.FRAME_ERROR, read.code());
        assertEquals(detail, read.detail());
        AmqpException skip = assertThrows(AmqpException.class, () -> FieldTables.skip(Unpooled.wrappedBuffer(wire)));
        assertEquals(detail, skip.detail());
    }

    // ---- writing ----------------------------------------------------------------------------

    @Test
    void writingRefusesWhatNoTypeFits() {
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("k", new Object())));
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("k", new byte[1])), "byte[] is ByteArray's job");
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("k", Map.of(1, "v"))));
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("k", new BigDecimal("1e3"))), "negative scale");
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("k", new BigDecimal("2147483648"))));
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("k".repeat(256), 1)));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedByte(256));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedShort(-1));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedInt(1L << 32));
        write(Map.of("k", new BigDecimal("-2147483.648")));
    }

    // ---- the RabbitMQ Java client -----------------------------------------------------------

    @Test
    void readsWhatTheJavaClientWritesAndWritesTheSameBytes() throws IOException {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("string", "text ü");
        client.put("int", -7);
        client.put("long", Long.MAX_VALUE);
        client.put("bool", false);
        client.put("byte", (byte) 7);
        client.put("short", (short) 300);
        client.put("float", -0.5f);
        client.put("double", 1e300);
        client.put("decimal", new BigDecimal("12.345"));
        client.put("date", new Date(1704164645000L));
        client.put("bytes", new byte[] {1, 2, 3});
        client.put("void", null);
        client.put("array", List.of("a", 1, List.of()));
        client.put("table", Map.of("inner", 2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ValueWriter writer = new ValueWriter(new DataOutputStream(bytes));
        writer.writeTable(client);
        writer.flush();
        byte[] wire = bytes.toByteArray();

        Map<String, Object> table = FieldTables.read(Unpooled.wrappedBuffer(wire));
        assertEquals("text ü", table.get("string"));
        assertEquals(-7, table.get("int"));
        assertEquals(Long.MAX_VALUE, table.get("long"));
        assertEquals(false, table.get("bool"));
        assertEquals((byte) 7, table.get("byte"));
        assertEquals((short) 300, table.get("short"));
        assertEquals(-0.5f, table.get("float"));
        assertEquals(1e300, table.get("double"));
        assertEquals(new BigDecimal("12.345"), table.get("decimal"));
        assertEquals(new Timestamp(1704164645L), table.get("date"));
        assertEquals(new ByteArray(new byte[] {1, 2, 3}), table.get("bytes"));
        assertTrue(table.containsKey("void"));
        assertNull(table.get("void"));
        assertEquals(List.of("a", 1, List.of()), table.get("array"));
        assertEquals(Map.of("inner", 2), table.get("table"));
        assertArrayEquals(wire, write(table));

        Map<String, Object> readBack = new ValueReader(new DataInputStream(new ByteArrayInputStream(write(table)))).readTable();
        assertEquals(LongStringHelper.asLongString("text ü"), readBack.get("string"));
        assertEquals(new Date(1704164645000L), readBack.get("date"));
    }

    /** The class, or for arrays and tables just the interface (the decoder's implementations are its own). */
    private static Class<?> javaType(Object value) {
        if (value instanceof List) {
            return List.class;
        }
        if (value instanceof Map) {
            return Map.class;
        }
        return value == null ? null : value.getClass();
    }

    private static byte[] withLength(byte[] entries) {
        return TestBytes.concat(TestBytes.written(out -> out.writeInt(entries.length)), entries);
    }

    private static byte[] write(Map<String, ?> table) {
        return TestBytes.written(out -> FieldTables.write(out, table));
    }
}
