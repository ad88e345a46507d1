package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.Messages;
import dev.depot.storage.broker.message.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Publishers, consumers and ackers on their own threads, as event loops would be: every message
 * is acknowledged exactly once, each consumer sees its deliveries in queue order, nothing is
 * left behind. Threads start together on a latch and report through latches.
 */
class QueueConcurrencyTest {
    private static final int PUBLISHERS = 4;
    private static final int PER_PUBLISHER = 25_000;
    private static final int TOTAL = PUBLISHERS * PER_PUBLISHER;

    /** A consumer whose acks happen on another thread, with a prefetch window like basic.qos. */
    private static final class AckingConsumer implements Consumer {
        final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
        final AtomicInteger credit;
        /** Guarded by this: the arrival order of deliveries, to check it follows the queue's. */
        long lastSeq = -1;
        boolean outOfOrder;

        AckingConsumer(int prefetch) {
            credit = new AtomicInteger(prefetch);
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
        public synchronized void deliver(Delivery delivery) {
            // requeued messages legitimately come back earlier in the order: only first deliveries count
            if (!delivery.redelivered()) {
                if (delivery.seq <= lastSeq) {
                    outOfOrder = true;
                }
                lastSeq = delivery.seq;
            }
            inbox.add(delivery);
        }

        @Override
        public void cancelledByBroker() {
        }
    }

    @Test
    void nothingIsLostOrDuplicatedUnderConcurrentPublishAckAndRequeue() throws Exception {
        MessageQueue queue = new QueueHarness().queue();
        List<AckingConsumer> consumers = List.of(new AckingConsumer(50), new AckingConsumer(50));
        consumers.forEach(c -> queue.subscribe(c, new ConsumerOptions(false, false, 0)));

        ConcurrentHashMap<Long, Integer> acked = new ConcurrentHashMap<>();
        AtomicInteger requeued = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch allAcked = new CountDownLatch(TOTAL);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();

        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < PER_PUBLISHER; i++) {
                        queue.publish(Messages.message("q", publisher + ":" + i));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "publisher-" + p));
        }
        for (AckingConsumer consumer : consumers) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    while (allAcked.getCount() > 0) {
                        Delivery delivery = consumer.inbox.poll(10, TimeUnit.MILLISECONDS);
                        if (delivery == null) {
                            continue;
                        }
                        consumer.credit.incrementAndGet(); // the server returns credit, then settles
                        if (ThreadLocalRandom.current().nextInt(100) == 0) {
                            requeued.incrementAndGet();
                            delivery.settle(Settlement.REQUEUE);
                        } else {
                            Message message = delivery.message();
                            if (acked.merge(message.id(), 1, Integer::sum) > 1) {
                                failure.compareAndSet(null, new AssertionError("acked twice: " + Messages.body(message)));
                            }
                            delivery.settle(Settlement.ACK);
                            allAcked.countDown();
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "acker"));
        }
        threads.forEach(Thread::start);
        start.countDown();
        assertTrue(allAcked.await(60, TimeUnit.SECONDS), "acked " + acked.size() + " of " + TOTAL);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertNull(failure.get());
        assertEquals(TOTAL, acked.size());
        assertTrue(requeued.get() > 0, "some messages went round again");
        assertEquals(0, queue.messageCount());
        assertEquals(0, queue.unackedCount());
        for (AckingConsumer consumer : consumers) {
            assertFalse(consumer.outOfOrder, "deliveries reached a consumer out of queue order");
            assertTrue(consumer.inbox.isEmpty());
        }
    }
}
