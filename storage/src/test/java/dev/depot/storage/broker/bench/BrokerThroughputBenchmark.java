package dev.depot.storage.broker.bench;

import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.queue.Consumer;
import dev.depot.storage.broker.queue.ConsumerOptions;
import dev.depot.storage.broker.queue.Delivery;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.Settlement;
import dev.depot.storage.broker.vhost.Broker;
import dev.depot.storage.broker.vhost.BrokerJournal;
import dev.depot.storage.broker.vhost.QueueDeclaration;
import dev.depot.storage.broker.vhost.VirtualHost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages per second through the broker engine alone (no sockets, no codec): 100-byte bodies
 * published to the default exchange and acknowledged. Run by hand:
 * <pre>
 *   mvn -o -q -pl storage test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp storage/target/test-classes:storage/target/classes:$(cat /tmp/cp.txt) \
 *        org.openjdk.jmh.Main BrokerThroughput
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BrokerThroughputBenchmark {
    private static final int BATCH = 10_000;
    private static final byte[] PROPERTIES = new byte[20];
    private static final byte[] BODY = new byte[100];
    private static final Object CONNECTION = "bench";

    private Broker broker;
    private VirtualHost vhost;
    private MessageQueue queue;

    @Setup(Level.Trial)
    public void declare() {
        broker = new Broker(Clock.systemUTC(), BrokerJournal.NONE, (properties, headers) -> properties);
        vhost = broker.virtualHost("/");
        vhost.declareQueue(new QueueDeclaration("bench", false, false, false, Map.of()), CONNECTION);
        queue = vhost.queue("bench", CONNECTION);
    }

    private Message next() {
        return new Message(broker.nextMessageId(), "", "bench", PROPERTIES, MessageProperties.NONE, BODY);
    }

    /** One thread: publish, basic.get, ack. */
    @Benchmark
    public void publishGetAck() {
        vhost.publish("", next());
        queue.get(false).delivery().settle(Settlement.ACK);
    }

    /** One thread: publish to a subscribed consumer, which is handed the delivery; then ack it. */
    @State(Scope.Thread)
    public static class Subscribed implements Consumer {
        Delivery last;

        @Setup(Level.Trial)
        public void subscribe(BrokerThroughputBenchmark bench) {
            bench.queue.subscribe(this, new ConsumerOptions(false, false, 0));
        }

        @Override
        public boolean tryReserve() {
            return last == null;
        }

        @Override
        public void deliver(Delivery delivery) {
            last = delivery;
        }

        @Override
        public void cancelledByBroker() {
        }
    }

    @Benchmark
    public void publishDeliverAck(Subscribed consumer) {
        vhost.publish("", next());
        Delivery delivery = consumer.last;
        consumer.last = null;
        delivery.settle(Settlement.ACK);
    }

    /**
     * One producer thread and one consumer thread, as two event loops: the delivery callback
     * hands the delivery to the consumer's thread (like Channel.eventLoop().execute), which
     * acks it, with a prefetch of 1000.
     */
    @State(Scope.Benchmark)
    public static class Pair implements Consumer {
        final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
        final AtomicInteger credit = new AtomicInteger(1000);
        final AtomicLong acked = new AtomicLong();
        volatile boolean running = true;
        Thread acker;
        long target;

        @Setup(Level.Trial)
        public void start(BrokerThroughputBenchmark bench) {
            vhostQueue(bench).subscribe(this, new ConsumerOptions(false, false, 0));
            acker = new Thread(() -> {
                while (running) {
                    Delivery delivery = inbox.poll();
                    if (delivery == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    credit.incrementAndGet();
                    delivery.settle(Settlement.ACK);
                    acked.incrementAndGet();
                }
            }, "acker");
            acker.setDaemon(true);
            acker.start();
        }

        private static MessageQueue vhostQueue(BrokerThroughputBenchmark bench) {
            bench.vhost.declareQueue(new QueueDeclaration("pair", false, false, false, Map.of()), CONNECTION);
            return bench.vhost.queue("pair", CONNECTION);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            running = false;
            acker.join();
        }

        @Override
        public boolean tryReserve() {
            while (true) {
                int left = credit.get();
                if (left == 0) {
                    return false;
                }
                if (credit.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }

        @Override
        public void deliver(Delivery delivery) {
            inbox.add(delivery);
        }

        @Override
        public void cancelledByBroker() {
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void producerAndConsumerThreads(Pair pair) {
        pair.target += BATCH;
        for (int i = 0; i < BATCH; i++) {
            vhost.publish("", new Message(broker.nextMessageId(), "", "pair", PROPERTIES, MessageProperties.NONE, BODY));
        }
        while (pair.acked.get() < pair.target) {
            Thread.onSpinWait();
        }
    }
}
