package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.BasicProperties;
import dev.depot.protocol.amqp.method.BasicMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.depot.protocol.amqp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast basic.deliver encoding writes exactly what the general frame writer writes. */
class DeliveryEncoderTest {
    private final DeliveryEncoder encoder = new DeliveryEncoder();

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 7);
        }
        return body;
    }

    private static byte[] general(int channel, String tag, long deliveryTag, boolean redelivered, String exchange,
                                  String key, byte[] properties, List<byte[]> body, long frameMax) {
        long size = body.stream().mapToLong(c -> c.length).sum();
        return TestBytes.written(out -> {
            FrameWriter.method(out, channel, new BasicMethod.Deliver(tag, deliveryTag, redelivered, exchange, key));
            FrameWriter.contentHeader(out, channel, size, properties);
            for (byte[] chunk : body) {
                FrameWriter.contentBody(out, channel, chunk, frameMax);
            }
        });
    }

    private byte[] fast(int channel, String tag, long deliveryTag, boolean redelivered, String exchange, String key,
                        byte[] properties, List<byte[]> body, long frameMax) {
        long size = body.stream().mapToLong(c -> c.length).sum();
        byte[] encodedTag = DeliveryEncoder.shortstr(tag);
        return TestBytes.written(out -> encoder.deliver(out, channel, encodedTag, deliveryTag, redelivered, exchange,
                key, properties, size, body, frameMax));
    }

    private void assertSameFrames(int channel, String tag, long deliveryTag, boolean redelivered, String exchange,
                                  String key, byte[] properties, List<byte[]> body, long frameMax) {
        assertEquals(hex(general(channel, tag, deliveryTag, redelivered, exchange, key, properties, body, frameMax)),
                hex(fast(channel, tag, deliveryTag, redelivered, exchange, key, properties, body, frameMax)));
    }

    @Test
    void aSmallMessageAsTheGeneralWriterWritesIt() {
        byte[] properties = BasicProperties.EMPTY.encode().bytes();
        assertSameFrames(1, "amq.ctag-abc", 1, false, "", "perf-test", properties, List.of(body(100)), 131072);
        assertSameFrames(65535, "c", Long.MAX_VALUE, true, "amq.fanout", "", properties, List.of(body(100)), 131072);
        assertSameFrames(2, "c", 3, false, "x", "k", properties, List.of(), 4096);
    }

    @Test
    void propertiesAndNamesOfEverySizeAndScript() {
        byte[] properties = new BasicProperties("text/plain", null, Map.of("h", "v".repeat(3000)), 2, 5, "corr",
                "reply", "60000", "id", null, "type", "user", "app", null).encode().bytes();
        assertSameFrames(3, "é-tag", 42, true, "échange-日本", "clé." + "k".repeat(200), properties,
                List.of(body(10)), 131072);
    }

    @Test
    void bodiesSplitAtFrameMaxAndLargeBodiesAsWell() {
        byte[] properties = BasicProperties.EMPTY.encode().bytes();
        for (int size : new int[]{1, 4088, 4089, DeliveryEncoder.INLINE_BODY, DeliveryEncoder.INLINE_BODY + 1, 100_000}) {
            assertSameFrames(1, "t", 9, false, "", "q", properties, List.of(body(size)), 4096);
            assertSameFrames(1, "t", 9, false, "", "q", properties, List.of(body(size)), 0);
        }
        assertSameFrames(1, "t", 9, false, "", "q", properties, List.of(body(5000), body(0), body(3000)), 4096);
        assertSameFrames(1, "t", 9, false, "", "q", properties, List.of(body(300), body(200)), 108);
    }

    @Test
    void namesSeenBeforeComeFromTheTableAndOthersStillEncode() {
        byte[] properties = BasicProperties.EMPTY.encode().bytes();
        for (int i = 0; i < 100; i++) {
            assertSameFrames(1, "t", i, false, "x" + (i % 7), "key-" + i, properties, List.of(body(20)), 4096);
        }
    }

    @Test
    void writesAfterWhatTheBufferHoldsAndRefusesOverlongNames() {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0x55);
        encoder.deliver(out, 1, DeliveryEncoder.shortstr("t"), 1, false, "", "q", new byte[2], 3, List.of(body(3)), 0);
        byte[] written = new byte[out.readableBytes() - 1];
        out.getBytes(1, written);
        assertArrayEquals(general(1, "t", 1, false, "", "q", new byte[2], List.of(body(3)), 0), written);
        assertThrows(IllegalArgumentException.class, () -> encoder.deliver(Unpooled.buffer(), 1,
                DeliveryEncoder.shortstr("t"), 1, false, "é".repeat(128), "q", new byte[2], 0, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> DeliveryEncoder.shortstr("x".repeat(256)));
    }
}
