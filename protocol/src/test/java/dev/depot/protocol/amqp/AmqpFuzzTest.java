package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.BasicProperties;
import dev.depot.protocol.amqp.content.PropertyBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.BasicMethod;
import dev.depot.protocol.amqp.method.Method;
import dev.depot.protocol.amqp.method.MethodSamples;
import dev.depot.protocol.amqp.method.Methods;
import dev.depot.protocol.amqp.wire.FieldTables;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random bytes and random mutations of valid traffic, through the decoder, the assembler and
 * each decoding entry point. Whatever comes in, the only failure allowed is an
 * {@link AmqpException} of a framing kind (as an exception or a {@link DecodeFailure}), every
 * call returns promptly, every body frame is released, and whatever does decode encodes back to
 * something that decodes the same. Seeds are fixed, so a failure names its iteration.
 */
class AmqpFuzzTest {
    private static final Set<ReplyCode> DECODER_CODES =
            EnumSet.of(ReplyCode.FRAME_ERROR, ReplyCode.UNEXPECTED_FRAME, ReplyCode.NOT_IMPLEMENTED);
    private static final Set<ReplyCode> ASSEMBLER_CODES =
            EnumSet.of(ReplyCode.FRAME_ERROR, ReplyCode.UNEXPECTED_FRAME, ReplyCode.PRECONDITION_FAILED);

    /** Valid traffic: every method, messages with properties and bodies of several frames, heartbeats. */
    private static byte[] validStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int channel = 1;
        for (MethodSamples.Pair pair : MethodSamples.all()) {
            if (!pair.depot().hasContent()) {
                out.writeBytes(TestBytes.methodFrame(channel++ % 3, pair.depot()));
            }
        }
        byte[] props = new BasicProperties("text/plain", null, MethodSamples.table(), 2, 5, "c", null, "1000", null,
                null, null, null, null, null).encode().bytes();
        for (int size : new int[] {0, 10, 300}) {
            out.writeBytes(TestBytes.methodFrame(2, new BasicMethod.Publish("ex", "a.b", true, false)));
            out.writeBytes(TestBytes.headerFrame(2, 60, size, props));
            out.writeBytes(TestBytes.written(o -> FrameWriter.contentBody(o, 2, new byte[size], 4096 / 16)));
            out.writeBytes(TestBytes.written(FrameWriter::heartbeat));
        }
        return out.toByteArray();
    }

    @Test
    @Timeout(60)
    void mutatedTrafficFailsOnlyWithTypedErrors() {
        byte[] valid = validStream();
        Random random = new Random(20240501);
        for (int i = 0; i < 1000; i++) {
            byte[] wire = mutate(valid, random);
            int iteration = i;
            assertDoesNotThrow(() -> feed(wire, 1 + random.nextInt(256)), () -> "iteration " + iteration);
        }
    }

    @Test
    @Timeout(60)
    void randomBytesFailOnlyWithTypedErrors() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] wire = new byte[random.nextInt(200)];
            random.nextBytes(wire);
            if (wire.length > 7 && random.nextBoolean()) {
                // a plausible frame header, so that the payload gets looked at
                wire[0] = (byte) new int[] {1, 2, 3, 8}[random.nextInt(4)];
                wire[3] = wire[4] = 0;
                wire[5] = 0;
                wire[6] = (byte) random.nextInt(wire.length - 7);
            }
            int iteration = i;
            assertDoesNotThrow(() -> feed(wire, 1 + random.nextInt(16)), () -> "iteration " + iteration);
        }
    }

    /** Decodes {@code wire} after a good protocol header, in chunks, and assembles what it can. */
    private static void feed(byte[] wire, int chunk) {
        Map<Integer, ContentAssembler> assemblers = new HashMap<>();
        try (DecoderHarness h = DecoderHarness.open()) {
            h.writeInChunks(wire, chunk);
            for (AmqpInbound event : h.drain()) {
                if (event instanceof DecodeFailure f) {
                    assertTrue(DECODER_CODES.contains(f.error().code()), f.error().replyText());
                    assertTrue(f.error().closesConnection());
                    continue;
                }
                Frame frame = (Frame) event;
                if (frame instanceof MethodFrame m) {
                    assertRoundTrips(m.method());
                }
                if (frame.channel() == 0) {
                    ReferenceCountUtil.release(frame);
                    continue;
                }
                int references = frame instanceof ContentBodyFrame b ? b.refCnt() : 0;
                try {
                    Command command = assemblers.computeIfAbsent(frame.channel(), c -> new ContentAssembler(1 << 16)).accept(frame);
                    if (command != null && command.content() != null) {
                        exercise(command.content().properties());
                    }
                } catch (AmqpException e) {
                    assertTrue(ASSEMBLER_CODES.contains(e.code()), e.replyText());
                }
                if (frame instanceof ContentBodyFrame b) {
                    assertEquals(references - 1, b.refCnt(), "the assembler released it");
                }
            }
        }
    }

    /** Properties that parsed must be readable every way without any exception. */
    private static void exercise(PropertyBytes properties) {
        properties.deliveryMode();
        properties.priority();
        properties.expiration();
        properties.headers();
        BasicProperties decoded = properties.decode();
        assertEquals(decoded.headers(), properties.withHeaders(decoded.headers()).headers());
        assertEquals(Map.of("x", 1), properties.withHeaders(Map.of("x", 1)).headers());
    }

    private static void assertRoundTrips(Method method) {
        byte[] encoded = TestBytes.methodPayload(method);
        Method again = Methods.decode(Unpooled.wrappedBuffer(encoded));
        assertEquals(method.getClass(), again.getClass());
        assertArrayEquals(encoded, TestBytes.methodPayload(again));
        boolean holdsArrays = Arrays.stream(method.getClass().getRecordComponents()).anyMatch(c -> c.getType() == byte[].class);
        if (!holdsArrays) {
            assertEquals(method, again);
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] wire = valid.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(wire.length);
            switch (random.nextInt(6)) {
                case 0 -> wire[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> wire[at] = (byte) random.nextInt(256);
                case 2 -> wire[at] = new byte[] {0, 1, 2, 3, 8, (byte) 0xCE, (byte) 0xFF, 0x7F}[random.nextInt(8)];
                case 3 -> wire = Arrays.copyOf(wire, at);
                case 4 -> {
                    int from = random.nextInt(wire.length);
                    int length = Math.min(random.nextInt(40), wire.length - from);
                    wire = TestBytes.concat(Arrays.copyOf(wire, at), Arrays.copyOfRange(wire, from, from + length),
                            Arrays.copyOfRange(wire, at, wire.length));
                }
                default -> wire = TestBytes.concat(Arrays.copyOf(wire, at),
                        Arrays.copyOfRange(wire, Math.min(wire.length, at + random.nextInt(20)), wire.length));
            }
            if (wire.length == 0) {
                return wire;
            }
        }
        return wire;
    }

    // ---- the entry points one by one ---------------------------------------------------------

    @Test
    @Timeout(60)
    void eachEntryPointThrowsOnlyAmqpExceptions() {
        Random random = new Random(99);
        List<byte[]> payloads = MethodSamples.all().stream().map(p -> TestBytes.methodPayload(p.depot())).toList();
        byte[] table = TestBytes.written(out -> FieldTables.write(out, MethodSamples.table()));
        byte[] properties = new BasicProperties("a", "b", MethodSamples.table(), 1, 2, "c", "d", "5", "e", null, "f",
                "g", "h", "i").encode().bytes();
        for (int i = 0; i < 8000; i++) {
            byte[] method = mutate(payloads.get(random.nextInt(payloads.size())), random);
            if (method.length >= 4) {
                try {
                    assertRoundTrips(Methods.decode(Unpooled.wrappedBuffer(method)));
                } catch (AmqpException e) {
                    assertTrue(DECODER_CODES.contains(e.code()), e.replyText());
                }
            }
            try {
                FieldTables.read(Unpooled.wrappedBuffer(mutate(table, random)));
            } catch (AmqpException e) {
                assertEquals(ReplyCode.FRAME_ERROR, e.code());
            }
            try {
                exercise(PropertyBytes.parse(mutate(properties, random)));
            } catch (AmqpException e) {
                assertEquals(ReplyCode.FRAME_ERROR, e.code());
            }
        }
    }
}
