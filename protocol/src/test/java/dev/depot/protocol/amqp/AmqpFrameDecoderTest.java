package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.BasicMethod;
import dev.depot.protocol.amqp.method.ChannelMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.depot.protocol.amqp.TestBytes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The frame decoder. Expected error texts are those RabbitMQ 3.10.8 sent for the same bytes
 * (connection.close after a frame with a bad end, an oversized frame and so on, sent over a raw
 * socket after a normal handshake with frame_max 4096).
 */
class AmqpFrameDecoderTest {
    private static final byte[] HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    // ---- protocol header --------------------------------------------------------------------

    @Test
    void theProtocolHeaderIsAcceptedWholeOrByteByByte() {
        try (DecoderHarness h = new DecoderHarness()) {
            h.writeInChunks(concat(HEADER, methodFrame(1, new ChannelMethod.Open())), 1);
            assertEquals(List.of(new ProtocolHeaderAccepted(), new MethodFrame(1, new ChannelMethod.Open())), h.drain());
        }
    }

    @Test
    void anyOtherHeaderIsRejectedAsSoonAsItDiffers() {
        assertEquals(List.of(new ProtocolHeaderRejected(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 2})),
                decodeFresh(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 2}));
        // AMQP 0-9 (RabbitMQ still takes it; Depot speaks 0-9-1 only), AMQP 1.0, 0-8
        assertEquals(List.of(new ProtocolHeaderRejected(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 9})),
                decodeFresh(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 9}));
        assertEquals(List.of(new ProtocolHeaderRejected(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0})),
                decodeFresh(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0, 'x'}));
        // HTTP, byte by byte: the first byte settles it and the rest is ignored
        try (DecoderHarness h = new DecoderHarness()) {
            h.writeInChunks("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 1);
            assertEquals(List.of(new ProtocolHeaderRejected(new byte[] {'G'})), h.drain());
        }
        // a short prefix of the right header waits for more
        assertEquals(List.of(), decodeFresh(new byte[] {'A', 'M', 'Q'}));
        assertArrayEquals(HEADER, written(ProtocolHeader::write));
    }

    private static List<AmqpInbound> decodeFresh(byte[] wire) {
        try (DecoderHarness h = new DecoderHarness()) {
            return h.write(wire).drain();
        }
    }

    // ---- good frames ------------------------------------------------------------------------

    @Test
    void decodesEachFrameTypeWholeOrInPieces() {
        byte[] properties = hex("1000 02");
        byte[] wire = concat(methodFrame(1, new BasicMethod.Publish("ex", "rk", false, true)),
                headerFrame(1, 60, 5, properties), frame(3, 1, "hello".getBytes(StandardCharsets.US_ASCII)),
                written(FrameWriter::heartbeat), methodFrame(65535, new BasicMethod.Ack(7, true)));
        for (int chunk : new int[] {wire.length, 1, 3, 8, 13}) {
            try (DecoderHarness h = DecoderHarness.open()) {
                List<AmqpInbound> events = h.writeInChunks(wire, chunk).drain();
                assertEquals(5, events.size());
                assertEquals(new MethodFrame(1, new BasicMethod.Publish("ex", "rk", false, true)), events.get(0));
                assertEquals(new ContentHeaderFrame(1, 60, 0, 5, properties), events.get(1));
                ContentBodyFrame body = (ContentBodyFrame) events.get(2);
                assertEquals(1, body.channel());
                assertEquals("hello", body.payload().toString(StandardCharsets.US_ASCII));
                body.release();
                assertSame(HeartbeatFrame.INSTANCE, events.get(3));
                assertEquals(new MethodFrame(65535, new BasicMethod.Ack(7, true)), events.get(4));
            }
        }
    }

    @Test
    void aBodyFrameIsASliceOfTheReceivedBufferNotACopy() {
        byte[] wire = frame(3, 1, "payload".getBytes(StandardCharsets.US_ASCII));
        ByteBuf received = Unpooled.wrappedBuffer(wire);
        EmbeddedChannel ch = new EmbeddedChannel(new AmqpFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(HEADER));
        assertEquals(new ProtocolHeaderAccepted(), ch.readInbound());
        ch.writeInbound(received); // nothing else buffered: decoded in place
        ContentBodyFrame body = ch.readInbound();
        assertTrue(body.payload().hasArray());
        assertSame(wire, body.payload().array(), "the payload shares the received bytes");
        assertEquals(1, body.refCnt());
        assertTrue(body.release());
        assertEquals(0, received.refCnt(), "releasing the frame releases the received buffer");
        assertFalse(ch.finish());
    }

    @Test
    void aLargerFrameMaxAdmitsLargerFrames() {
        byte[] big = frame(3, 1, new byte[131072 - 8]);
        try (DecoderHarness h = DecoderHarness.open()) {
            h.decoder().frameMax(131072);
            List<AmqpInbound> events = h.write(big).drain();
            assertEquals(131064, ((ContentBodyFrame) events.get(0)).payload().readableBytes());
            events.forEach(ReferenceCountUtil::release);
        }
        try (DecoderHarness h = DecoderHarness.open()) {
            h.decoder().frameMax(0); // no limit
            List<AmqpInbound> events = h.write(frame(3, 1, new byte[1 << 20])).drain();
            assertInstanceOf(ContentBodyFrame.class, events.get(0));
            events.forEach(ReferenceCountUtil::release);
        }
        assertThrows(IllegalArgumentException.class, () -> new AmqpFrameDecoder().frameMax(7));
        assertThrows(IllegalArgumentException.class, () -> new AmqpFrameDecoder().frameMax(-1));
        new AmqpFrameDecoder().frameMax(0xFFFF_FFFFL);
    }

    // ---- framing errors, with RabbitMQ's texts -----------------------------------------------

    @Test
    void aBadFrameEndIsAFrameError() {
        byte[] ack = frame(1, 1, hex("003c0050 0000000000000001 00"), 0x00);
        assertFailure(ReplyCode.FRAME_ERROR,
                "FRAME_ERROR - type 1, all octets = <<0,60,0,80,0,0,0,0,0,0,0,1,0>>: {invalid_frame_end_marker,0}", 0, 0, ack);
    }

    @Test
    void aFrameOverFrameMaxFailsAsSoonAsItsHeaderArrives() {
        byte[] headerOnly = hex("01 0001 00001388"); // a method frame of 5000 bytes, none of them sent yet
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 1, all octets = <<>>: {frame_too_large,5000,4088}", 0, 0, headerOnly);
        // frame_max counts the 8 bytes of header and frame end: 4088 payload bytes fit, 4089 do not
        assertInstanceOf(ContentBodyFrame.class, DecoderHarness.decodeOne(frame(3, 1, new byte[4088])));
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,4089,4088}", 0, 0,
                frame(3, 1, new byte[4089]));
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,4294967295,4088}", 0, 0,
                hex("03 0001 ffffffff"));
    }

    @Test
    void unknownFrameTypesAndNonEmptyHeartbeatsAreFrameErrors() {
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 5, all octets = <<\"ab\">>: unknown_frame", 0, 0, frame(5, 1, hex("6162")));
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 0, all octets = <<>>: unknown_frame", 0, 0, frame(0, 1, new byte[0]));
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 8, all octets = <<\"ab\">>: unknown_frame", 0, 0, frame(8, 0, hex("6162")));
    }

    @Test
    void framesTooShortForTheirFixedFieldsAreFrameErrors() {
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 1, all octets = <<0,60>>: unknown_frame", 0, 0, frame(1, 1, hex("003c")));
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 1, all octets = <<>>: unknown_frame", 0, 0, frame(1, 1, new byte[0]));
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - type 2, all octets = <<0,60,0,0>>: unknown_frame", 0, 0, frame(2, 1, hex("003c0000")));
    }

    @Test
    void contentOnChannelZeroAndHeartbeatsElsewhereAreUnexpected() {
        assertFailure(ReplyCode.UNEXPECTED_FRAME, "UNEXPECTED_FRAME - type 2, all octets = <<0,60,0,0,0,0,0,0,0,0,0,5,0,0>>", 0, 0,
                headerFrame(0, 60, 5, noProperties()));
        assertFailure(ReplyCode.UNEXPECTED_FRAME, "UNEXPECTED_FRAME - type 3, all octets = <<\"hi\">>", 0, 0, frame(3, 0, hex("6869")));
        assertFailure(ReplyCode.UNEXPECTED_FRAME, "UNEXPECTED_FRAME - type 8, all octets = <<>>", 0, 0, frame(8, 1, new byte[0]));
    }

    @Test
    void methodsThatDoNotDecodeFailWithTheirIds() {
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - cannot decode <<0,0,0,0,0,10,0,120,120>>", 60, 10,
                frame(1, 1, hex("003c000a 00000000 000a 00 7878")));
        assertFailure(ReplyCode.NOT_IMPLEMENTED, "NOT_IMPLEMENTED - unknown method: class 99, method 10", 99, 10,
                frame(1, 1, hex("0063000a")));
        // RabbitMQ blames no method for bad UTF-8; Depot names the one it was decoding
        assertFailure(ReplyCode.FRAME_ERROR, "FRAME_ERROR - Malformed UTF-8 in shortstr", 40, 10,
                frame(1, 1, hex("0028000a 0000 02fffe 06646972656374 00 00000000")));
    }

    @Test
    void afterAFailureNothingMoreIsDecoded() {
        try (DecoderHarness h = DecoderHarness.open()) {
            h.write(concat(frame(9, 1, new byte[0]), methodFrame(1, new ChannelMethod.Open())));
            h.write(methodFrame(1, new ChannelMethod.Open()));
            List<AmqpInbound> events = h.drain();
            assertEquals(1, events.size());
            assertInstanceOf(DecodeFailure.class, events.get(0));
            assertTrue(h.drain().isEmpty());
        }
        try (DecoderHarness h = new DecoderHarness()) {
            h.write(concat("HTTP/1.1".getBytes(StandardCharsets.US_ASCII), methodFrame(1, new ChannelMethod.Open())));
            assertEquals(1, h.drain().size());
        }
    }

    @Test
    void framesBeforeTheFailureAreStillEmitted() {
        try (DecoderHarness h = DecoderHarness.open()) {
            h.write(concat(methodFrame(1, new BasicMethod.Qos(0, 10, false)), frame(1, 1, hex("003c"))));
            List<AmqpInbound> events = h.drain();
            assertEquals(new MethodFrame(1, new BasicMethod.Qos(0, 10, false)), events.get(0));
            assertInstanceOf(DecodeFailure.class, events.get(1));
        }
    }

    private static void assertFailure(ReplyCode code, String replyText, int classId, int methodId, byte[] wire) {
        AmqpException e = DecoderHarness.failureOf(wire).error();
        assertEquals(code, e.code());
        assertEquals(replyText, e.replyText());
        assertEquals(classId, e.classId());
        assertEquals(methodId, e.methodId());
        assertTrue(e.closesConnection());
    }

    @Test
    void writtenFramesAreWhatTheDecoderReads() {
        Map<String, Object> args = Map.of("x-priority", 5);
        byte[] consume = methodFrame(2, new BasicMethod.Consume("q", "", false, false, false, false, args));
        assertEquals(new MethodFrame(2, new BasicMethod.Consume("q", "", false, false, false, false, args)),
                DecoderHarness.decodeOne(consume));
    }
}
