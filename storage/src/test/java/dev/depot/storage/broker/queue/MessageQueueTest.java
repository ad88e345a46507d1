package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.Messages;
import dev.depot.storage.broker.RecordingConsumer;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.message.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.depot.storage.broker.queue.QueueHarness.drain;
import static dev.depot.storage.broker.queue.QueueHarness.publish;
import static org.junit.jupiter.api.Assertions.*;

/** The delivery engine of one queue; expectations follow what RabbitMQ 3.10.8 did in the same steps. */
class MessageQueueTest {
    private final QueueHarness harness = new QueueHarness();

    private static ConsumerOptions plain() {
        return new ConsumerOptions(false, false, 0);
    }

    private static ConsumerOptions priority(long priority) {
        return new ConsumerOptions(false, true, priority);
    }

    private static List<String> bodies(List<Delivery> deliveries) {
        List<String> bodies = new ArrayList<>();
        deliveries.forEach(d -> bodies.add(Messages.body(d.message())));
        return bodies;
    }

    @Test
    void threeConsumersWithoutPrefetchTakeTurns() {
        MessageQueue queue = harness.queue();
        List<RecordingConsumer> consumers = List.of(new RecordingConsumer("c0"), new RecordingConsumer("c1"),
                new RecordingConsumer("c2"));
        consumers.forEach(c -> queue.subscribe(c, new ConsumerOptions(false, true, 0)));
        for (int n = 1; n <= 9; n++) {
            publish(queue, Integer.toString(n));
        }
        assertEquals(List.of("1", "4", "7"), consumers.get(0).bodies());
        assertEquals(List.of("2", "5", "8"), consumers.get(1).bodies());
        assertEquals(List.of("3", "6", "9"), consumers.get(2).bodies());
    }

    @Test
    void prefetchWindowHoldsMessagesUntilAnAckReturnsCredit() {
        MessageQueue queue = harness.queue();
        publish(queue, "0", "1", "2", "3", "4", "5");
        RecordingConsumer w1 = new RecordingConsumer("w1", 1);
        RecordingConsumer w2 = new RecordingConsumer("w2", 1);
        queue.subscribe(w1, plain());
        queue.subscribe(w2, plain());
        assertEquals(List.of("0"), w1.bodies());
        assertEquals(List.of("1"), w2.bodies());
        assertEquals(4, queue.messageCount(), "ready messages left (declare-ok count)");
        assertEquals(2, queue.unackedCount());

        w1.release(1); // the server returns credit, then acks
        w1.deliveries().get(0).settle(Settlement.ACK);
        assertEquals(List.of("0", "2"), w1.bodies());
        assertEquals(3, queue.messageCount());
        assertEquals(2, queue.unackedCount());
    }

    @Test
    void creditGrowingOutsideAnAckNeedsDispatch() {
        MessageQueue queue = harness.queue();
        RecordingConsumer consumer = new RecordingConsumer("c", 1);
        queue.subscribe(consumer, plain());
        publish(queue, "a", "b");
        assertEquals(List.of("a"), consumer.bodies());
        consumer.release(1); // e.g. basic.qos raised the prefetch
        assertEquals(List.of("a"), consumer.bodies());
        queue.dispatch();
        assertEquals(List.of("a", "b"), consumer.bodies());
    }

    @Test
    void consumersFoundWithoutCreditAreNotAskedAgainUntilTheQueueIsToldOfCredit() {
        MessageQueue queue = harness.queue();
        int[] asked = {0};
        RecordingConsumer inner = new RecordingConsumer("c", 1);
        Consumer counting = new Consumer() {
            @Override
            public boolean tryReserve() {
                asked[0]++;
                return inner.tryReserve();
            }

            @Override
            public void deliver(Delivery delivery) {
                inner.deliver(delivery);
            }

            @Override
            public void cancelledByBroker() {
            }
        };
        queue.subscribe(counting, plain());
        for (int i = 0; i < 100; i++) {
            publish(queue, Integer.toString(i));
        }
        assertEquals(2, asked[0], "once to deliver, once to find it full");
        inner.release(1);
        inner.deliveries().get(0).settle(Settlement.ACK);
        assertEquals(List.of("0", "1"), inner.bodies());
    }

    @Test
    void higherPriorityConsumersAreServedFirstAndTakeTurnsAmongThemselves() {
        MessageQueue queue = harness.queue();
        RecordingConsumer lo1 = new RecordingConsumer("lo1");
        RecordingConsumer hi1 = new RecordingConsumer("hi1");
        RecordingConsumer hi2 = new RecordingConsumer("hi2");
        RecordingConsumer lo2 = new RecordingConsumer("lo2");
        queue.subscribe(lo1, priority(1));
        queue.subscribe(hi1, priority(5));
        queue.subscribe(hi2, priority(5));
        queue.subscribe(lo2, priority(1));
        publish(queue, "0", "1", "2", "3");
        assertEquals(List.of("0", "2"), hi1.bodies());
        assertEquals(List.of("1", "3"), hi2.bodies());
        assertEquals(List.of(), lo1.bodies());
    }

    @Test
    void lowerPriorityConsumersGetWhatBusyHigherOnesCannotTake() {
        MessageQueue queue = harness.queue();
        RecordingConsumer high = new RecordingConsumer("high", 1);
        RecordingConsumer low = new RecordingConsumer("low");
        queue.subscribe(high, new ConsumerOptions(false, false, 10));
        queue.subscribe(low, new ConsumerOptions(false, false, -3));
        publish(queue, "a", "b", "c");
        assertEquals(List.of("a"), high.bodies());
        assertEquals(List.of("b", "c"), low.bodies());
    }

    @Test
    void requeuedMessagesReturnToTheirOriginalPlaceMarkedRedelivered() {
        MessageQueue queue = harness.queue();
        publish(queue, "0", "1", "2", "3", "4");
        List<Delivery> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(queue.get(false).delivery());
        }
        taken.get(2).settle(Settlement.REQUEUE);
        taken.get(0).settle(Settlement.REQUEUE);
        taken.get(3).settle(Settlement.REQUEUE);
        List<String> order = new ArrayList<>();
        GetResult got;
        while ((got = queue.get(true)) != null) {
            order.add(Messages.body(got.delivery().message()) + (got.delivery().redelivered() ? "r" : ""));
        }
        assertEquals(List.of("0r", "2r", "3r", "4"), order);
        assertEquals(1, queue.unackedCount(), "message 1 is still out");
    }

    @Test
    void aClosingChannelsDeliveriesComeBackTogetherInOrder() {
        MessageQueue queue = harness.queue();
        RecordingConsumer closing = new RecordingConsumer("closing", 3);
        Subscription subscription = queue.subscribe(closing, plain());
        publish(queue, "0", "1", "2");
        RecordingConsumer other = new RecordingConsumer("other");
        queue.subscribe(other, plain());
        subscription.cancel();
        List<Delivery> outstanding = closing.deliveries();
        MessageQueue.settleAll(List.of(outstanding.get(2), outstanding.get(0), outstanding.get(1)), Settlement.REQUEUE);
        assertEquals(List.of("0", "1", "2"), other.bodies());
        assertTrue(other.deliveries().stream().allMatch(Delivery::redelivered));
    }

    @Test
    void cancellingAConsumerLeavesItsDeliveriesUnacked() {
        MessageQueue queue = harness.queue();
        RecordingConsumer consumer = new RecordingConsumer("c", 5);
        Subscription subscription = queue.subscribe(consumer, plain());
        publish(queue, "a", "b");
        subscription.cancel();
        assertEquals(2, queue.unackedCount());
        assertEquals(0, queue.consumerCount());
        consumer.deliveries().get(0).settle(Settlement.ACK);
        assertEquals(1, queue.unackedCount());
    }

    @Test
    void getReportsWhatIsLeftAndRedeliveries() {
        MessageQueue queue = harness.queue();
        assertNull(queue.get(false));
        publish(queue, "a", "b");
        GetResult first = queue.get(false);
        assertEquals("a", Messages.body(first.delivery().message()));
        assertEquals(1, first.messageCount());
        assertFalse(first.delivery().redelivered());
        first.delivery().settle(Settlement.REQUEUE);
        GetResult again = queue.get(false);
        assertEquals("a", Messages.body(again.delivery().message()));
        assertTrue(again.delivery().redelivered());
        again.delivery().settle(Settlement.REJECT);
        GetResult last = queue.get(false);
        assertEquals("b", Messages.body(last.delivery().message()));
        assertEquals(0, last.messageCount());
        assertFalse(last.delivery().redelivered());
        last.delivery().settle(Settlement.ACK);
        assertNull(queue.get(false));
        assertEquals(List.of(), harness.deadLetters, "rejected without a DLX: dropped");
    }

    @Test
    void settlingTwiceOrWithAutoAckIsIgnored() {
        MessageQueue queue = harness.queue();
        publish(queue, "a");
        Delivery delivery = queue.get(false).delivery();
        delivery.settle(Settlement.ACK);
        delivery.settle(Settlement.REQUEUE);
        assertEquals(0, queue.messageCount());
        publish(queue, "b");
        Delivery autoAcked = queue.get(true).delivery();
        autoAcked.settle(Settlement.REQUEUE);
        assertEquals(0, queue.messageCount());
        assertEquals(0, queue.unackedCount());
    }

    @Test
    void aDeliveryCannotBeSettledOnAnotherQueue() {
        MessageQueue one = harness.queue();
        MessageQueue two = harness.queue();
        publish(one, "a");
        Delivery delivery = one.get(false).delivery();
        assertThrows(IllegalArgumentException.class, () -> two.settle(delivery, Settlement.ACK));
    }

    @Test
    void rejectionDeadLettersWhenTheQueueHasADeadLetterExchange() {
        MessageQueue queue = harness.queue("x-dead-letter-exchange", "dlx");
        publish(queue, "poison");
        queue.get(false).delivery().settle(Settlement.REJECT);
        assertEquals(List.of(new QueueHarness.DeadLetter("poison", DeathReason.REJECTED)), harness.deadLetters);
        assertEquals(0, queue.messageCount());
    }

    @Test
    void queueTtlExpiresMessagesAtTheHead() {
        MessageQueue queue = harness.queue("x-message-ttl", 200);
        publish(queue, "stale soon");
        assertEquals(1, queue.messageCount());
        harness.clock.advance(199);
        assertEquals(1, queue.messageCount());
        harness.clock.advance(1);
        assertEquals(0, queue.messageCount());
        assertNull(queue.get(true));
    }

    @Test
    void perMessageTtlExpiresOnlyAtTheHead() {
        MessageQueue queue = harness.queue();
        queue.publish(Messages.message("", "q", "long", Messages.expiring("1000")));
        queue.publish(Messages.message("", "q", "short", Messages.expiring("10")));
        queue.publish(Messages.message("q", "keeps"));
        harness.clock.advance(20);
        assertEquals(3, queue.messageCount(), "the short one waits behind a live head");
        harness.clock.advance(1000);
        assertEquals(List.of("keeps"), drain(queue));
    }

    @Test
    void theShorterOfQueueAndMessageTtlWins() {
        MessageQueue queue = harness.queue("x-message-ttl", 100);
        queue.publish(Messages.message("", "q", "message says 50", Messages.expiring("50")));
        queue.publish(Messages.message("", "q", "message says 500", Messages.expiring("500")));
        harness.clock.advance(60);
        assertEquals(1, queue.messageCount());
        harness.clock.advance(40);
        assertEquals(0, queue.messageCount());
    }

    @Test
    void theSweepDeadLettersExpiredHeadsAndSkipsQueuesWithNothingDue() {
        MessageQueue queue = harness.queue("x-message-ttl", 100, "x-dead-letter-exchange", "dlx");
        publish(queue, "too slow");
        queue.expireMessages(harness.clock.millis() + 99);
        assertEquals(List.of(), harness.deadLetters);
        harness.clock.advance(100);
        queue.expireMessages(harness.clock.millis());
        assertEquals(List.of(new QueueHarness.DeadLetter("too slow", DeathReason.EXPIRED)), harness.deadLetters);
    }

    @Test
    void zeroTtlDeliversOnlyToAConsumerReadyNow() {
        MessageQueue queue = harness.queue("x-message-ttl", 0);
        publish(queue, "nobody");
        assertEquals(0, queue.messageCount());
        RecordingConsumer consumer = new RecordingConsumer("c");
        queue.subscribe(consumer, plain());
        publish(queue, "someone");
        assertEquals(List.of("someone"), consumer.bodies());
    }

    @Test
    void aZeroExpirationBehindWaitingMessagesExpiresWhenItReachesTheHead() {
        MessageQueue queue = harness.queue();
        publish(queue, "first");
        queue.publish(Messages.message("", "q", "zero", Messages.expiring("0")));
        publish(queue, "third");
        assertEquals(List.of("first", "third"), drain(queue));
    }

    @Test
    void aZeroExpirationBehindWaitingMessagesIsDeadLetteredInQueueOrder() {
        // RabbitMQ 3.10 dead-letters "short" (at the head, after 50 ms) before "zero" (behind it)
        MessageQueue queue = harness.queue("x-dead-letter-exchange", "dlx");
        queue.publish(Messages.message("", "q", "short", Messages.expiring("50")));
        queue.publish(Messages.message("", "q", "zero", Messages.expiring("0")));
        assertEquals(List.of(), harness.deadLetters);
        assertEquals(2, queue.messageCount());
        harness.clock.advance(50);
        queue.expireMessages(harness.clock.millis());
        assertEquals(List.of(new QueueHarness.DeadLetter("short", DeathReason.EXPIRED),
                new QueueHarness.DeadLetter("zero", DeathReason.EXPIRED)), harness.deadLetters);
    }

    @Test
    void requeuedMessagesKeepTheirExpiry() {
        MessageQueue queue = harness.queue("x-message-ttl", 100);
        publish(queue, "a");
        Delivery delivery = queue.get(false).delivery();
        harness.clock.advance(150);
        delivery.settle(Settlement.REQUEUE);
        assertEquals(0, queue.messageCount());
    }

    @Test
    void maxLengthDropsFromTheHead() {
        MessageQueue queue = harness.queue("x-max-length", 2);
        publish(queue, "m1", "m2", "m3");
        assertEquals(List.of("m2", "m3"), drain(queue));
    }

    @Test
    void maxLengthDeadLettersTheHeadWithADeadLetterExchange() {
        MessageQueue queue = harness.queue("x-max-length", 1, "x-dead-letter-exchange", "dlx");
        publish(queue, "m1", "m2");
        assertEquals(List.of(new QueueHarness.DeadLetter("m1", DeathReason.MAXLEN)), harness.deadLetters);
        assertEquals(List.of("m2"), drain(queue));
    }

    @Test
    void maxLengthBytesCountsBodiesAndDropsEvenTheNewcomer() {
        MessageQueue queue = harness.queue("x-max-length-bytes", 10);
        publish(queue, "12345", "12345", "1", "1234567890", "12345678901");
        assertEquals(List.of(), drain(queue), "as RabbitMQ: each drop-head step, then the 11-byte message itself");
        publish(queue, "12345", "12345");
        assertEquals(List.of("12345", "12345"), drain(queue));
    }

    @Test
    void maxLengthZeroStillFeedsAWaitingConsumer() {
        MessageQueue queue = harness.queue("x-max-length", 0);
        publish(queue, "z");
        assertEquals(0, queue.messageCount());
        RecordingConsumer consumer = new RecordingConsumer("c");
        queue.subscribe(consumer, plain());
        publish(queue, "y");
        assertEquals(List.of("y"), consumer.bodies());
    }

    @Test
    void rejectPublishRefusesTheNewcomer() {
        MessageQueue queue = harness.queue("x-max-length", 1, "x-overflow", "reject-publish");
        assertTrue(queue.publish(Messages.message("q", "m1")));
        assertFalse(queue.publish(Messages.message("q", "m2")));
        assertEquals(List.of("m1"), drain(queue));
        assertEquals(List.of(), harness.deadLetters);
    }

    @Test
    void rejectPublishDlxRefusesAndDeadLettersTheNewcomer() {
        MessageQueue queue = harness.queue("x-max-length", 1, "x-overflow", "reject-publish-dlx",
                "x-dead-letter-exchange", "dlx");
        assertTrue(queue.publish(Messages.message("q", "m1")));
        assertFalse(queue.publish(Messages.message("q", "m2")));
        assertEquals(List.of(new QueueHarness.DeadLetter("m2", DeathReason.MAXLEN)), harness.deadLetters);
        assertEquals(List.of("m1"), drain(queue));
    }

    @Test
    void rejectPublishByBytes() {
        MessageQueue queue = harness.queue("x-max-length-bytes", 10, "x-overflow", "reject-publish");
        List<Boolean> accepted = new ArrayList<>();
        for (String body : List.of("12345", "12345", "1", "12345678901")) {
            accepted.add(queue.publish(Messages.message("q", body)));
        }
        assertEquals(List.of(true, true, false, false), accepted);
        assertEquals(List.of("12345", "12345"), drain(queue));
    }

    @Test
    void rejectPublishCountsReadyMessagesEvenWithConsumersWaiting() {
        MessageQueue queue = harness.queue("x-max-length", 0, "x-overflow", "reject-publish");
        queue.subscribe(new RecordingConsumer("c"), plain());
        assertFalse(queue.publish(Messages.message("q", "m")));
    }

    @Test
    void priorityQueueServesHighestFirstAndCapsAtItsMaximum() {
        MessageQueue queue = harness.queue("x-max-priority", 5);
        int[] priorities = {-1, 1, 9, 5, 3, 0, 5};
        for (int i = 0; i < priorities.length; i++) {
            Message message = priorities[i] < 0
                    ? Messages.message("q", i + ":None")
                    : Messages.message("", "q", i + ":" + priorities[i], Messages.priority(priorities[i]));
            queue.publish(message);
        }
        assertEquals(List.of("2:9", "3:5", "6:5", "4:3", "1:1", "0:None", "5:0"), drain(queue));
    }

    @Test
    void dropHeadOnAPriorityQueueDropsTheNextToBeDelivered() {
        MessageQueue queue = harness.queue("x-max-priority", 5, "x-max-length", 2);
        queue.publish(Messages.message("", "q", "a", Messages.priority(1)));
        queue.publish(Messages.message("", "q", "b", Messages.priority(5)));
        queue.publish(Messages.message("", "q", "c", Messages.priority(1)));
        assertEquals(List.of("a", "c"), drain(queue));
    }

    @Test
    void withoutMaxPriorityEveryMessageIsFifo() {
        MessageQueue queue = harness.queue();
        queue.publish(Messages.message("", "q", "low", Messages.priority(1)));
        queue.publish(Messages.message("", "q", "high", Messages.priority(9)));
        assertEquals(List.of("low", "high"), drain(queue));
    }

    @Test
    void requeuedPriorityMessagesGoBackToTheirLane() {
        MessageQueue queue = harness.queue("x-max-priority", 2);
        queue.publish(Messages.message("", "q", "h1", Messages.priority(2)));
        queue.publish(Messages.message("", "q", "l1", Messages.priority(0)));
        queue.publish(Messages.message("", "q", "h2", Messages.priority(2)));
        Delivery h1 = queue.get(false).delivery();
        h1.settle(Settlement.REQUEUE);
        assertEquals(List.of("h1", "h2", "l1"), drain(queue));
    }

    @Test
    void singleActiveConsumerServesOnlyTheFirstUntilItLeaves() {
        MessageQueue queue = harness.queue("x-single-active-consumer", true);
        RecordingConsumer c1 = new RecordingConsumer("c1");
        RecordingConsumer c2 = new RecordingConsumer("c2");
        Subscription first = queue.subscribe(c1, new ConsumerOptions(false, true, 0));
        queue.subscribe(c2, new ConsumerOptions(false, true, 0));
        publish(queue, "0", "1", "2");
        first.cancel();
        publish(queue, "3", "4");
        assertEquals(List.of("0", "1", "2"), c1.bodies());
        assertEquals(List.of("3", "4"), c2.bodies());
        assertEquals(1, queue.consumerCount());
    }

    @Test
    void singleActiveConsumerWithoutCreditHoldsTheQueue() {
        MessageQueue queue = harness.queue("x-single-active-consumer", true);
        RecordingConsumer c1 = new RecordingConsumer("c1", 1);
        RecordingConsumer c2 = new RecordingConsumer("c2");
        queue.subscribe(c1, plain());
        queue.subscribe(c2, plain());
        publish(queue, "0", "1");
        assertEquals(List.of("0"), c1.bodies());
        assertEquals(List.of(), c2.bodies());
        assertEquals(1, queue.messageCount());
    }

    @Test
    void singleActiveConsumerQueuesRefuseExclusiveConsumers() {
        MessageQueue queue = harness.queue("x-single-active-consumer", true);
        BrokerException e = assertThrows(BrokerException.class,
                () -> queue.subscribe(new RecordingConsumer("x"), new ConsumerOptions(true, false, 0)));
        assertEquals("ACCESS_REFUSED - queue 'q' in vhost '/' in exclusive use", e.replyText());
        queue.subscribe(new RecordingConsumer("c"), plain());
    }

    @Test
    void exclusiveConsumersAreAlone() {
        MessageQueue queue = harness.queue();
        queue.subscribe(new RecordingConsumer("c"), plain());
        BrokerException first = assertThrows(BrokerException.class,
                () -> queue.subscribe(new RecordingConsumer("x"), new ConsumerOptions(true, false, 0)));
        assertEquals(ReplyCode.ACCESS_REFUSED, first.code());
        assertEquals("ACCESS_REFUSED - queue 'q' in vhost '/' in exclusive use", first.replyText());

        MessageQueue other = harness.queue();
        Subscription exclusive = other.subscribe(new RecordingConsumer("x"), new ConsumerOptions(true, false, 0));
        BrokerException second = assertThrows(BrokerException.class,
                () -> other.subscribe(new RecordingConsumer("c"), plain()));
        assertEquals("ACCESS_REFUSED - queue 'q' in vhost '/' in exclusive use", second.replyText());
        exclusive.cancel();
        other.subscribe(new RecordingConsumer("c"), plain());
    }

    @Test
    void consumerPriorityArgumentMustBeAnInteger() {
        dev.depot.storage.broker.ResourceName name = dev.depot.storage.broker.ResourceName.queue("/", "pcp2");
        BrokerException e = assertThrows(BrokerException.class,
                () -> ConsumerOptions.of(false, false, Map.of("x-priority", "x"), name));
        assertEquals("PRECONDITION_FAILED - invalid arg 'x-priority' for queue 'pcp2' in vhost '/': "
                + "\"expected integer, got longstr\"", e.replyText());
        assertEquals(1L << 40, ConsumerOptions.of(false, false, Map.of("x-priority", 1L << 40), name).priority());
        assertEquals(0, ConsumerOptions.of(false, false, Map.of(), name).priority());
    }

    @Test
    void theLastConsumerOfAnAutoDeleteQueueAsksForItsDeletion() {
        MessageQueue queue = harness.queue(false, true, Map.of());
        assertFalse(queue.deleteIfAbandoned(), "never consumed: stays");
        Subscription a = queue.subscribe(new RecordingConsumer("a"), plain());
        Subscription b = queue.subscribe(new RecordingConsumer("b"), plain());
        a.cancel();
        assertEquals(List.of(), harness.abandoned);
        b.cancel();
        assertEquals(List.of(queue), harness.abandoned);
        assertTrue(queue.deleteIfAbandoned());
        assertThrows(BrokerException.class, () -> queue.get(true), "deleted");
    }

    @Test
    void aNonAutoDeleteQueueOutlivesItsConsumers() {
        MessageQueue queue = harness.queue();
        queue.subscribe(new RecordingConsumer("a"), plain()).cancel();
        assertEquals(List.of(), harness.abandoned);
    }

    @Test
    void deletionCancelsConsumersAfterTheirDeliveriesAndIgnoresLaterAcks() {
        MessageQueue queue = harness.queue();
        RecordingConsumer consumer = new RecordingConsumer("c", 1);
        queue.subscribe(consumer, plain());
        publish(queue, "a", "b", "c");
        assertEquals(2, queue.delete(false, false));
        assertFalse(consumer.cancelled(), "told once the caller flushes, outside its locks");
        queue.flush();
        assertTrue(consumer.cancelled());
        consumer.deliveries().get(0).settle(Settlement.REQUEUE);
        assertEquals(0, queue.messageCount());
        assertTrue(queue.publish(Messages.message("q", "late")), "a publish racing the deletion is dropped quietly");
        assertEquals(0, queue.messageCount());
        BrokerException gone = assertThrows(BrokerException.class, () -> queue.subscribe(new RecordingConsumer("x"), plain()));
        assertEquals("NOT_FOUND - no queue 'q' in vhost '/'", gone.replyText());
        assertThrows(BrokerException.class, () -> queue.get(true));
    }

    @Test
    void deleteIfUnusedAndIfEmptyRefuseWithRabbitMqsTexts() {
        MessageQueue queue = harness.queue();
        Subscription subscription = queue.subscribe(new RecordingConsumer("c", 1), plain());
        publish(queue, "a", "b");
        BrokerException inUse = assertThrows(BrokerException.class, () -> queue.delete(true, false));
        assertEquals("PRECONDITION_FAILED - queue 'q' in vhost '/' in use", inUse.replyText());
        subscription.cancel();
        BrokerException notEmpty = assertThrows(BrokerException.class, () -> queue.delete(false, true));
        assertEquals("PRECONDITION_FAILED - queue 'q' in vhost '/' not empty", notEmpty.replyText());
        assertEquals(1, queue.delete(true, false), "the unacked message is not counted");
    }

    @Test
    void purgeDropsReadyMessagesOnly() {
        MessageQueue queue = harness.queue();
        publish(queue, "0", "1", "2");
        Delivery out = queue.get(false).delivery();
        assertEquals(2, queue.purge());
        assertEquals(0, queue.messageCount());
        out.settle(Settlement.REQUEUE);
        assertEquals(1, queue.messageCount());
    }

    @Test
    void xExpiresCountsFromTheLastUse() {
        MessageQueue queue = harness.queue("x-expires", 300);
        Subscription subscription = queue.subscribe(new RecordingConsumer("c"), plain());
        harness.clock.advance(1000);
        assertFalse(queue.unusedTooLong(harness.clock.millis()), "a consumer keeps it in use");
        subscription.cancel();
        harness.clock.advance(299);
        assertFalse(queue.unusedTooLong(harness.clock.millis()));
        queue.touch(); // a (passive) declare
        harness.clock.advance(299);
        assertFalse(queue.unusedTooLong(harness.clock.millis()));
        queue.get(true);
        harness.clock.advance(299);
        assertFalse(queue.deleteIfExpired(harness.clock.millis()));
        harness.clock.advance(1);
        assertTrue(queue.deleteIfExpired(harness.clock.millis()));
    }

    @Test
    void theStoreHearsOfPersistentMessagesOnDurableQueuesOnly() {
        MessageQueue durable = harness.queue(true, false, Map.of("x-max-length", 2));
        durable.publish(Messages.message("", "q", "p1", Messages.persistent()));
        durable.publish(Messages.message("q", "transient"));
        durable.publish(Messages.message("", "q", "p2", Messages.persistent())); // drops p1 at the head
        durable.publish(Messages.message("", "q", "p3", Messages.persistent())); // drops the transient one
        Delivery p2 = durable.get(false).delivery();
        p2.settle(Settlement.REQUEUE);
        durable.get(false).delivery().settle(Settlement.ACK);
        durable.get(true);
        assertEquals(List.of("+p1", "+p2", "-p1", "+p3", "-p2", "-p3"), harness.stored);

        harness.stored.clear();
        MessageQueue plain = harness.queue();
        plain.publish(Messages.message("", "q", "p", Messages.persistent()));
        plain.get(true);
        assertEquals(List.of(), harness.stored);
    }

    @Test
    void aFailingCallbackDoesNotHoldUpTheDeliveriesBehindIt() {
        MessageQueue queue = harness.queue();
        List<String> seen = new ArrayList<>();
        queue.subscribe(new Consumer() {
            @Override
            public boolean tryReserve() {
                return true;
            }

            @Override
            public void deliver(Delivery delivery) {
                String body = Messages.body(delivery.message());
                if (body.equals("bad")) {
                    throw new IllegalStateException("expected by the test: a server bug in one callback");
                }
                seen.add(body);
            }

            @Override
            public void cancelledByBroker() {
            }
        }, new ConsumerOptions(false, true, 0));
        publish(queue, "a", "bad", "c");
        assertEquals(List.of("a", "c"), seen);
    }

    @Test
    void aConsumerMayAckInsideItsDeliveryCallback() {
        MessageQueue queue = harness.queue();
        List<String> seen = new ArrayList<>();
        Consumer acking = new Consumer() {
            private int credit = 1;

            @Override
            public boolean tryReserve() {
                if (credit == 0) {
                    return false;
                }
                credit--;
                return true;
            }

            @Override
            public void deliver(Delivery delivery) {
                seen.add(Messages.body(delivery.message()));
                credit++;
                delivery.settle(Settlement.ACK); // re-enters the queue: no lock is held here
            }

            @Override
            public void cancelledByBroker() {
            }
        };
        publish(queue, "a", "b", "c");
        queue.subscribe(acking, plain());
        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(0, queue.unackedCount());
        assertEquals(0, queue.messageCount());
    }
}
