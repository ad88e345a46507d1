package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.BasicProperties;
import dev.depot.protocol.amqp.method.BasicMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hot path of a broker: a publish (method, header with delivery-mode 2, 100-byte body)
 * decoded and assembled, an ack decoded, a delivery written. Calls the decoder directly (this
 * class shares its package), so the figures leave Netty's pipeline out. From the worktree root:
 * <pre>
 * mvn -o -q -pl protocol test-compile
 * mvn -o -q -pl protocol dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp protocol/target/test-classes:protocol/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main AmqpCodecBenchmark -prof gc
 * </pre>
 * {@code gc.alloc.rate.norm} is the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AmqpCodecBenchmark {
    private final AmqpFrameDecoder decoder = new AmqpFrameDecoder();
    private final ContentAssembler assembler = new ContentAssembler(1 << 20);
    private final List<Object> out = new ArrayList<>();
    private ByteBuf publish;
    private ByteBuf ack;
    private ByteBuf deliveries;
    private byte[] properties;
    private byte[] body;
    private BasicMethod.Deliver deliver;
    private final DeliveryEncoder encoder = new DeliveryEncoder();
    private byte[] consumerTag;
    private List<byte[]> bodyChunks;

    @Setup
    public void setUp() {
        decoder.frameMax(131072);
        decoder.decode(null, Unpooled.wrappedBuffer(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}), out);
        out.clear();
        properties = new BasicProperties(null, null, null, 2, null, null, null, null, null, null, null, null, null, null)
                .encode().bytes();
        body = new byte[100];
        publish = Unpooled.wrappedBuffer(TestBytes.concat(
                TestBytes.methodFrame(1, new BasicMethod.Publish("", "perf-test-queue", false, false)),
                TestBytes.headerFrame(1, 60, body.length, properties), TestBytes.frame(3, 1, body)));
        ack = Unpooled.wrappedBuffer(TestBytes.methodFrame(1, new BasicMethod.Ack(123456, false)));
        deliver = new BasicMethod.Deliver("amq.ctag-F8fGxCjvHkN2hV9wUc6YpQ", 123456, false, "", "perf-test-queue");
        deliveries = Unpooled.directBuffer(4096);
        consumerTag = DeliveryEncoder.shortstr(deliver.consumerTag());
        bodyChunks = List.of(body);
    }

    /** Decodes and assembles one publish: what the server does for each message it receives. */
    @Benchmark
    public Command decodePublish() {
        publish.readerIndex(0);
        decoder.decode(null, publish, out);
        Command command = null;
        for (Object frame : out) {
            command = assembler.accept((Frame) frame);
        }
        out.clear();
        return command;
    }

    @Benchmark
    public void decodeAck(Blackhole blackhole) {
        ack.readerIndex(0);
        decoder.decode(null, ack, out);
        blackhole.consume(out.get(0));
        out.clear();
    }

    /** The same delivery as the server writes it ({@link DeliveryEncoder}). */
    @Benchmark
    public ByteBuf encodeDelivery() {
        deliveries.clear();
        encoder.deliver(deliveries, 1, consumerTag, 123456, false, "", "perf-test-queue", properties, body.length,
                bodyChunks, 131072);
        return deliveries;
    }

    /** Writes one basic.deliver with its header and body: what the server does for each message it sends. */
    @Benchmark
    public ByteBuf writeDelivery() {
        deliveries.clear();
        FrameWriter.content(deliveries, 1, deliver, properties, body, 131072);
        return deliveries;
    }
}
