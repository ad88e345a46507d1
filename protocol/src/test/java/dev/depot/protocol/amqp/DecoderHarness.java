package dev.depot.protocol.amqp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An {@link AmqpFrameDecoder} in an {@link EmbeddedChannel}, fed as a socket would feed it. A
 * decoder exception other than the events it emits surfaces from {@link #write} (Netty rethrows
 * it), so every test through here also checks that nothing unexpected is thrown.
 */
public final class DecoderHarness implements AutoCloseable {
    private final AmqpFrameDecoder decoder = new AmqpFrameDecoder();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    /** A decoder that has accepted the protocol header already. */
    public static DecoderHarness open() {
        DecoderHarness h = new DecoderHarness();
        h.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
        assertEquals(List.of(new ProtocolHeaderAccepted()), h.drain());
        return h;
    }

    public AmqpFrameDecoder decoder() {
        return decoder;
    }

    public DecoderHarness write(byte[] wire) {
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        return this;
    }

    public DecoderHarness writeInChunks(byte[] wire, int chunk) {
        for (int i = 0; i < wire.length; i += chunk) {
            write(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + chunk)));
        }
        return this;
    }

    /** Everything emitted so far. Body frames are the caller's to release. */
    public List<AmqpInbound> drain() {
        List<AmqpInbound> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add((AmqpInbound) o);
        }
        return out;
    }

    /** The single event {@code wire} decodes to (released if it is a body frame). */
    public static AmqpInbound decodeOne(byte[] wire) {
        try (DecoderHarness h = open()) {
            List<AmqpInbound> events = h.write(wire).drain();
            assertEquals(1, events.size(), () -> "events: " + events);
            events.forEach(ReferenceCountUtil::release);
            return events.get(0);
        }
    }

    /** The failure {@code wire} causes after a good protocol header. */
    public static DecodeFailure failureOf(byte[] wire) {
        AmqpInbound event = decodeOne(wire);
        if (event instanceof DecodeFailure f) {
            return f;
        }
        throw new AssertionError("expected a DecodeFailure, got " + event);
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
