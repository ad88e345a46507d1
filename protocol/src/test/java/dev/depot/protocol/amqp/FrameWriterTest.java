package dev.depot.protocol.amqp;

import com.rabbitmq.client.impl.Frame;
import dev.depot.protocol.amqp.content.BasicProperties;
import dev.depot.protocol.amqp.method.BasicMethod;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.depot.protocol.amqp.TestBytes.*;
import static org.junit.jupiter.api.Assertions.*;

class FrameWriterTest {

    @Test
    void aHeartbeatIsEightBytes() {
        assertEquals("080000" + "00000000" + "ce", hex(written(FrameWriter::heartbeat)));
    }

    @Test
    void aBodyIsSplitAtFrameMaxLessItsEightBytesOfFraming() {
        byte[] body = new byte[250];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        byte[] wire = written(out -> FrameWriter.contentBody(out, 7, body, 108));
        // 100-byte frames: 100 + 100 + 50
        assertEquals(3 * 8 + 250, wire.length);
        List<Frame> frames = readWithJavaClient(wire);
        assertEquals(List.of(100, 100, 50), frames.stream().map(f -> f.getPayload().length).toList());
        assertArrayEquals(body, concat(frames.get(0).getPayload(), frames.get(1).getPayload(), frames.get(2).getPayload()));
        frames.forEach(f -> assertEquals(7, f.channel));
        assertEquals(0, written(out -> FrameWriter.contentBody(out, 1, new byte[0], 4096)).length, "no frame for an empty body");
        assertEquals(1, readWithJavaClient(written(out -> FrameWriter.contentBody(out, 1, body, 0))).size(), "frame_max 0: no limit");
        assertThrows(IllegalArgumentException.class, () -> written(out -> FrameWriter.contentBody(out, 1, body, 8)));
    }

    @Test
    void aDeliveryIsMethodHeaderAndBodyFramesInOneGo() {
        BasicMethod.Deliver deliver = new BasicMethod.Deliver("ctag", 1, false, "ex", "rk");
        byte[] props = new BasicProperties("text/plain", null, null, 2, null, null, null, null, null, null, null, null, null, null)
                .encode().bytes();
        byte[] wire = written(out -> FrameWriter.content(out, 3, deliver, props, new byte[5000], 4096));
        List<Frame> frames = readWithJavaClient(wire);
        assertEquals(List.of(1, 2, 3, 3), frames.stream().map(f -> f.type).toList());
        assertEquals(4088, frames.get(2).getPayload().length);
        try (DecoderHarness h = DecoderHarness.open()) {
            ContentAssembler assembler = new ContentAssembler(10_000);
            Command command = null;
            for (AmqpInbound event : h.write(wire).drain()) {
                command = assembler.accept((dev.depot.protocol.amqp.Frame) event);
            }
            assertNotNull(command);
            assertEquals(deliver, command.method());
            assertArrayEquals(props, command.content().properties().bytes());
            assertEquals(5000, command.content().body().length);
        }
        assertThrows(IllegalArgumentException.class,
                () -> written(out -> FrameWriter.content(out, 1, new BasicMethod.Ack(1, false), props, new byte[0], 4096)));
    }

    private static List<Frame> readWithJavaClient(byte[] wire) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
        List<Frame> frames = new ArrayList<>();
        try {
            while (in.available() > 0) {
                frames.add(Frame.readFrom(in, 1 << 20));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return frames;
    }
}
