package dev.depot.protocol.amqp.method;

import dev.depot.protocol.amqp.TestBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every method, encoded by Depot and by the RabbitMQ Java client from the same values: the
 * bytes must be the same, and Depot must decode them back to the same record.
 */
class MethodsTest {

    static List<MethodSamples.Pair> samples() {
        return MethodSamples.all();
    }

    @Test
    void theSamplesCoverEveryMethod() {
        Set<MethodKind> covered = samples().stream().map(p -> p.depot().kind()).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(MethodKind.class), covered);
        assertEquals(MethodKind.values().length, samples().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodesAsTheJavaClientDoes(MethodSamples.Pair pair) throws IOException {
        Method depot = pair.depot();
        com.rabbitmq.client.impl.Method client = pair.javaClient();
        assertEquals(client.protocolClassId(), depot.classId());
        assertEquals(client.protocolMethodId(), depot.methodId());
        assertEquals(client.protocolMethodName(), depot.kind().protocolName());
        assertEquals(client.hasContent(), depot.hasContent());
        assertEquals(TestBytes.hex(clientFrame(client, 3)), TestBytes.hex(TestBytes.methodFrame(3, depot)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesWhatTheJavaClientWrites(MethodSamples.Pair pair) throws IOException {
        byte[] frame = clientFrame(pair.javaClient(), 1);
        Method decoded = Methods.decode(Unpooled.wrappedBuffer(frame, 7, frame.length - 8));
        assertSameMethod(pair.depot(), decoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theJavaClientDecodesWhatDepotWrites(MethodSamples.Pair pair) throws IOException {
        byte[] payload = TestBytes.methodPayload(pair.depot());
        com.rabbitmq.client.impl.Method read = com.rabbitmq.client.impl.AMQImpl.readMethodFrom(
                new DataInputStream(new java.io.ByteArrayInputStream(payload)));
        assertEquals(TestBytes.hex(clientFrame(pair.javaClient(), 1)), TestBytes.hex(clientFrame(read, 1)));
    }

    /** Records holding byte arrays compare arrays by identity: compare their encodings too. */
    static void assertSameMethod(Method expected, Method actual) {
        assertEquals(expected.getClass(), actual.getClass());
        assertArrayEquals(TestBytes.methodPayload(expected), TestBytes.methodPayload(actual));
        boolean holdsArrays = Arrays.stream(expected.getClass().getRecordComponents()).anyMatch(c -> c.getType() == byte[].class);
        if (!holdsArrays) {
            assertEquals(expected, actual);
        }
    }

    static byte[] clientFrame(com.rabbitmq.client.impl.Method method, int channel) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        method.toFrame(channel).writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    // ---- bits, reserved arguments, limits ----------------------------------------------------

    @Test
    void consecutiveBitsShareAnOctetLowestFirst() {
        // exchange.declare: passive, durable, auto-delete, internal, no-wait = 0,1,1,0,1 -> 0b10110
        byte[] payload = TestBytes.methodPayload(new ExchangeMethod.Declare("x", "direct", false, true, true, false, true, java.util.Map.of()));
        // class 40, method 10, ticket 0, "x", "direct", bits, empty table
        assertEquals("0028000a" + "0000" + "0178" + "06646972656374" + "16" + "00000000", TestBytes.hex(payload));
        // basic.deliver: the bit sits between a long long and shortstrs, in an octet of its own
        assertEquals("003c003c" + "0161" + "0000000000000005" + "01" + "0165" + "0172",
                TestBytes.hex(TestBytes.methodPayload(new BasicMethod.Deliver("a", 5, true, "e", "r"))));
    }

    @Test
    void unusedBitsAndReservedValuesAreIgnored() {
        // basic.ack with every other bit of its octet set, as RabbitMQ ignores them
        Method ack = Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("003c0050 0000000000000063 fe")));
        assertEquals(new BasicMethod.Ack(99, false), ack);
        // queue.declare with a non-zero ticket
        Method declare = Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("0032000a 1234 0171 1f 00000000")));
        assertEquals(new QueueMethod.Declare("q", true, true, true, true, true, java.util.Map.of()), declare);
    }

    @Test
    void unknownIdsAreNotImplemented() {
        AmqpException e = assertThrows(AmqpException.class, () -> Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("003c00fa"))));
        assertEquals(ReplyCode.NOT_IMPLEMENTED, e.code());
        assertEquals("NOT_IMPLEMENTED - unknown method: class 60, method 250", e.replyText());
        assertEquals(60, e.classId());
        assertEquals(250, e.methodId());
        assertTrue(e.closesConnection());
        assertNull(MethodKind.of(99, 10));
        assertNull(MethodKind.of(60, 41));
        assertNull(MethodKind.of(-1, 10));
        assertNull(MethodKind.of(10, 65535));
        assertEquals(MethodKind.EXCHANGE_UNBIND_OK, MethodKind.of(40, 51));
    }

    @Test
    void truncatedAndOverlongArgumentsCannotBeDecodedAsRabbitMqSays() {
        // the exact texts RabbitMQ 3.10 sent for these basic.qos frames
        AmqpException extra = assertThrows(AmqpException.class,
                () -> Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("003c000a 00000000 000a 00 7878"))));
        assertEquals("FRAME_ERROR - cannot decode <<0,0,0,0,0,10,0,120,120>>", extra.replyText());
        assertEquals(60, extra.classId());
        assertEquals(10, extra.methodId());
        AmqpException truncated = assertThrows(AmqpException.class,
                () -> Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("003c000a 00000000 000a"))));
        assertEquals("FRAME_ERROR - cannot decode <<0,0,0,0,0,10>>", truncated.replyText());
        // basic.publish whose exchange name claims 9 bytes
        AmqpException shortstr = assertThrows(AmqpException.class,
                () -> Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("003c0028 0000 09 6162"))));
        assertEquals("FRAME_ERROR - cannot decode <<0,0,9,97,98>>", shortstr.replyText());
    }

    @Test
    void shortstrArgumentsMustBeUtf8() {
        AmqpException e = assertThrows(AmqpException.class,
                () -> Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("0028000a 0000 02fffe 06646972656374 00 00000000"))));
        assertEquals("FRAME_ERROR - Malformed UTF-8 in shortstr", e.replyText());
        assertEquals(40, e.classId());
        assertEquals(10, e.methodId());
    }

    @Test
    void aBadTableInTheArgumentsIsAFrameErrorBlamedOnTheMethod() {
        AmqpException e = assertThrows(AmqpException.class,
                () -> Methods.decode(Unpooled.wrappedBuffer(TestBytes.hex("0032000a 0000 0171 00 00000005 016b 5a6162"))));
        assertEquals("FRAME_ERROR - invalid field table: unknown field type 'Z'", e.replyText());
        assertEquals(50, e.classId());
    }

    @Test
    void writingAShortstrOver255BytesIsAProgrammingError() {
        String tooLong = "é".repeat(128); // 256 bytes
        assertThrows(IllegalArgumentException.class, () -> TestBytes.methodPayload(new BasicMethod.ConsumeOk(tooLong)));
        assertEquals(255 + 1 + 4, TestBytes.methodPayload(new BasicMethod.ConsumeOk("é".repeat(127) + "a")).length);
    }

    @Test
    void protocolNamesAreTheSpecs() {
        assertEquals("connection.start-ok", MethodKind.CONNECTION_START_OK.protocolName());
        assertEquals("basic.recover-async", MethodKind.BASIC_RECOVER_ASYNC.protocolName());
        assertEquals("exchange.unbind-ok", MethodKind.EXCHANGE_UNBIND_OK.protocolName());
    }

    @Test
    void closeCarriesTheExceptionsCodeTextAndCause() {
        AmqpException e = new AmqpException(ReplyCode.NOT_FOUND, "no queue 'q' in vhost '/'", 50, 10);
        assertEquals(new ChannelMethod.Close(404, "NOT_FOUND - no queue 'q' in vhost '/'", 50, 10), ChannelMethod.Close.of(e));
        assertEquals(new ConnectionMethod.Close(404, "NOT_FOUND - no queue 'q' in vhost '/'", 50, 10), ConnectionMethod.Close.of(e));
    }
}
