package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.BasicProperties;
import dev.depot.protocol.amqp.method.BasicMethod;
import dev.depot.protocol.amqp.method.ChannelMethod;
import dev.depot.protocol.amqp.method.ConnectionMethod;
import dev.depot.protocol.amqp.method.Method;
import dev.depot.protocol.amqp.method.QueueMethod;
import dev.depot.protocol.amqp.wire.Timestamp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.depot.protocol.amqp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.*;

/** Frames pika and RabbitMQ really sent: decoded to what they mean, and written back to the same bytes. */
class CapturedFramesTest {

    private static Method method(String frameHex) {
        MethodFrame frame = (MethodFrame) DecoderHarness.decodeOne(hex(frameHex));
        assertEquals(frameHex, hex(TestBytes.methodFrame(frame.channel(), frame.method())), "written back");
        return frame.method();
    }

    @Test
    void rabbitMqsConnectionStart() {
        ConnectionMethod.Start start = (ConnectionMethod.Start) method(CapturedFrames.RABBITMQ_START);
        assertEquals(0, start.versionMajor());
        assertEquals(9, start.versionMinor());
        assertEquals("AMQPLAIN PLAIN", start.mechanisms());
        assertEquals("en_US", start.locales());
        Map<String, Object> props = start.serverProperties();
        assertEquals("RabbitMQ", props.get("product"));
        assertEquals("3.10.8", props.get("version"));
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) props.get("capabilities");
        assertEquals(true, capabilities.get("publisher_confirms"));
        assertEquals(true, capabilities.get("basic.nack"));
        assertEquals(9, capabilities.size());
    }

    @Test
    void rabbitMqsTune() {
        assertEquals(new ConnectionMethod.Tune(2047, 131072, 60), method(CapturedFrames.RABBITMQ_TUNE));
    }

    @Test
    void pikasStartOk() {
        ConnectionMethod.StartOk startOk = (ConnectionMethod.StartOk) method(CapturedFrames.PIKA_START_OK);
        assertEquals("PLAIN", startOk.mechanism());
        assertEquals("\0guest\0guest", new String(startOk.response(), StandardCharsets.UTF_8));
        assertEquals("en_US", startOk.locale());
        assertEquals("Pika Python Client Library", startOk.clientProperties().get("product"));
        assertEquals("fixture", startOk.clientProperties().get("connection_name"));
        assertEquals(Map.of("authentication_failure_close", true, "basic.nack", true, "connection.blocked", true,
                "consumer_cancel_notify", true, "publisher_confirms", true), startOk.clientProperties().get("capabilities"));
    }

    @Test
    void pikasQueueDeclare() {
        QueueMethod.Declare declare = (QueueMethod.Declare) method(CapturedFrames.PIKA_QUEUE_DECLARE);
        assertEquals(new QueueMethod.Declare("", false, false, true, false, false,
                Map.of("x-message-ttl", 60000, "x-max-priority", 5, "x-dead-letter-exchange", "dlx", "x-queue-mode", "default")), declare);
        assertEquals(List.of("x-message-ttl", "x-max-priority", "x-dead-letter-exchange", "x-queue-mode"),
                List.copyOf(declare.arguments().keySet()));
    }

    @Test
    void pikasNackAndRabbitMqsGetOkAndChannelClose() {
        assertEquals(new BasicMethod.Nack(1, false, true), method(CapturedFrames.PIKA_NACK));
        assertEquals(new BasicMethod.GetOk(1, false, "fx.topic", "a.b.c", 0), method(CapturedFrames.RABBITMQ_GET_OK));
        assertEquals(new ChannelMethod.Close(406, "PRECONDITION_FAILED - cannot switch from confirm to tx mode", 90, 10),
                method(CapturedFrames.RABBITMQ_CHANNEL_CLOSE));
    }

    @Test
    void pikasPublishAssemblesIntoOneCommand() {
        byte[] wire = TestBytes.concat(hex(CapturedFrames.PIKA_PUBLISH), hex(CapturedFrames.PIKA_CONTENT_HEADER),
                hex(CapturedFrames.PIKA_BODY));
        for (int chunk : new int[] {wire.length, 1, 7}) {
            Command command = assemble(wire, chunk);
            assertEquals(new BasicMethod.Publish("fx.topic", "a.b.c", true, false), command.method());
            assertEquals("hello fixture body", new String(command.content().body(), StandardCharsets.UTF_8));
            BasicProperties props = command.content().properties().decode();
            assertEquals("text/plain", props.contentType());
            assertEquals(2, props.deliveryMode());
            assertEquals(new Timestamp(1700000000), props.timestamp());
            assertEquals("fixture-app", props.appId());
        }
    }

    @Test
    void aDeliveryWrittenByDepotIsWhatRabbitMqSentForTheSameMessage() {
        Command published = assemble(TestBytes.concat(hex(CapturedFrames.PIKA_PUBLISH),
                hex(CapturedFrames.PIKA_CONTENT_HEADER), hex(CapturedFrames.PIKA_BODY)), 64);
        BasicMethod.Deliver deliver = (BasicMethod.Deliver) method(CapturedFrames.RABBITMQ_DELIVER);
        assertEquals(new BasicMethod.Deliver("ctag1.cdd7ef5591364d62b72db27c97503b66", 2, true, "fx.topic", "a.b.c"), deliver);
        byte[] written = TestBytes.written(out -> FrameWriter.content(out, 1, deliver,
                published.content().properties().bytes(), published.content().body(), 131072));
        String rabbitMq = CapturedFrames.RABBITMQ_DELIVER + CapturedFrames.PIKA_CONTENT_HEADER + CapturedFrames.PIKA_BODY;
        assertEquals(rabbitMq, hex(written));
    }

    private static Command assemble(byte[] wire, int chunk) {
        ContentAssembler assembler = new ContentAssembler(1 << 20);
        List<Command> commands = new ArrayList<>();
        try (DecoderHarness h = DecoderHarness.open()) {
            h.decoder().frameMax(131072);
            for (AmqpInbound event : h.writeInChunks(wire, chunk).drain()) {
                Command c = assembler.accept((Frame) event);
                if (c != null) {
                    commands.add(c);
                }
            }
        }
        assertEquals(1, commands.size());
        return commands.get(0);
    }
}
