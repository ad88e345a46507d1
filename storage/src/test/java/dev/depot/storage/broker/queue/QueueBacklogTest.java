package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.Messages;
import dev.depot.storage.broker.RecordingConsumer;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.depot.storage.broker.queue.MessageQueue.BACKLOG_HIGH;
import static dev.depot.storage.broker.queue.MessageQueue.BACKLOG_LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publisher flow control as a queue sees it: when it is backlogged and when it lets its publishers go. */
class QueueBacklogTest {
    private final QueueHarness harness = new QueueHarness();
    private final AtomicInteger resumed = new AtomicInteger();

    private static ConsumerOptions manualAck() {
        return new ConsumerOptions(false, false, 0);
    }

    private static void publishMany(MessageQueue queue, int n) {
        for (int i = 0; i < n; i++) {
            queue.publish(Messages.message("q", Integer.toString(i)));
        }
    }

    /** Acks the consumer's oldest unacked delivery after returning its credit: the queue hands out the next. */
    private static void ackOne(RecordingConsumer consumer, int index) {
        consumer.release(1);
        consumer.deliveries().get(index).settle(Settlement.ACK);
    }

    @Test
    void aQueueWithoutConsumersGrowsWithoutHoldingItsPublishers() {
        MessageQueue queue = harness.queue();
        publishMany(queue, 3 * BACKLOG_HIGH);
        assertFalse(queue.backlogged());
        assertFalse(queue.awaitBacklogDrained(resumed::incrementAndGet));
        assertEquals(0, resumed.get());
    }

    @Test
    void consumersFallingBehindBacklogTheQueueUntilItDrainsToTheLowMark() {
        MessageQueue queue = harness.queue();
        RecordingConsumer consumer = new RecordingConsumer("slow", 1);
        queue.subscribe(consumer, manualAck());
        publishMany(queue, BACKLOG_HIGH + 1); // one handed out, BACKLOG_HIGH ready
        assertFalse(queue.backlogged(), "at the high mark, not above it");
        publishMany(queue, 1);
        assertTrue(queue.backlogged());
        assertTrue(queue.awaitBacklogDrained(resumed::incrementAndGet));

        int acked = 0;
        while (queue.messageCount() > BACKLOG_LOW + 1) {
            ackOne(consumer, acked++);
        }
        assertTrue(queue.backlogged(), "hysteresis: still above the low mark");
        assertEquals(0, resumed.get());
        ackOne(consumer, acked);
        assertEquals(BACKLOG_LOW, queue.messageCount());
        assertFalse(queue.backlogged());
        assertEquals(1, resumed.get(), "the waiting publisher was let go once");
    }

    @Test
    void largeBodiesBacklogAQueueByTheirBytes() {
        MessageQueue queue = harness.queue();
        RecordingConsumer consumer = new RecordingConsumer("slow", 1);
        queue.subscribe(consumer, manualAck());
        byte[] body = new byte[1 << 20];
        for (int i = 0; i < 5; i++) { // one handed out, 4 MiB ready: at the mark
            queue.publish(new Message(i, "", "q", Messages.PROPERTIES, MessageProperties.NONE, body));
        }
        assertFalse(queue.backlogged());
        queue.publish(new Message(5, "", "q", Messages.PROPERTIES, MessageProperties.NONE, body));
        assertTrue(queue.backlogged());
    }

    @Test
    void aBacklogWhoseConsumersTakeNothingLetsItsPublishersGoUntilTheyTakeAgain() {
        MessageQueue queue = harness.queue();
        RecordingConsumer stuck = new RecordingConsumer("stuck", 1);
        queue.subscribe(stuck, manualAck());
        publishMany(queue, BACKLOG_HIGH + 2);
        assertTrue(queue.awaitBacklogDrained(resumed::incrementAndGet));

        queue.checkStalled(); // the sweep's first look at the backlog
        assertTrue(queue.backlogged());
        queue.checkStalled(); // the next one: nothing was handed out in between
        assertFalse(queue.backlogged(), "stalled: holding the publisher would shorten nobody's wait");
        assertEquals(1, resumed.get());

        publishMany(queue, BACKLOG_HIGH);
        assertFalse(queue.backlogged(), "still stalled");
        ackOne(stuck, 0); // the consumer takes one more: the backlog counts again
        assertTrue(queue.backlogged());
    }

    @Test
    void aBacklogWhoseConsumersKeepTakingIsNotStalled() {
        MessageQueue queue = harness.queue();
        RecordingConsumer slow = new RecordingConsumer("slow", 1);
        queue.subscribe(slow, manualAck());
        publishMany(queue, BACKLOG_HIGH + 100);
        for (int i = 0; i < 10; i++) {
            queue.checkStalled();
            ackOne(slow, i);
        }
        assertTrue(queue.backlogged());
    }

    @Test
    void theLastConsumerLeavingEndsTheBacklog() {
        MessageQueue queue = harness.queue();
        RecordingConsumer consumer = new RecordingConsumer("leaving", 1);
        Subscription subscription = queue.subscribe(consumer, manualAck());
        publishMany(queue, BACKLOG_HIGH + 2);
        assertTrue(queue.awaitBacklogDrained(resumed::incrementAndGet));
        subscription.cancel();
        assertFalse(queue.backlogged());
        assertEquals(1, resumed.get());
    }

    @Test
    void deletingTheQueueLetsEveryWaitingPublisherGo() {
        MessageQueue queue = harness.queue();
        queue.subscribe(new RecordingConsumer("c", 1), manualAck());
        publishMany(queue, BACKLOG_HIGH + 2);
        assertTrue(queue.awaitBacklogDrained(resumed::incrementAndGet));
        assertTrue(queue.awaitBacklogDrained(resumed::incrementAndGet));
        queue.delete(false, false);
        queue.flush();
        assertFalse(queue.backlogged());
        assertEquals(2, resumed.get());
        assertEquals(List.of(), harness.deadLetters);
    }
}
