package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import java.util.List;
import java.util.Map;

/**
 * What consumers see: acknowledgements and redeliveries, prefetch, how a queue shares messages
 * among its consumers, cancels, basic.get. Where a program checks what is delivered before an
 * acknowledgement it waits for the expected deliveries and then for {@link ProgramRun#quiet}
 * before it records the count, so that one delivery too many shows.
 */
final class ConsumingPrograms {
    private ConsumingPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("consuming: ack, nack and reject with requeue", ConsumingPrograms::requeue),
                Program.of("consuming: nack and reject without requeue, recover", ConsumingPrograms::dropAndRecover),
                Program.of("consuming: per-consumer prefetch", ConsumingPrograms::consumerPrefetch),
                Program.of("consuming: global prefetch shared by a channel", ConsumingPrograms::globalPrefetch),
                Program.of("consuming: round robin over consumers", ConsumingPrograms::roundRobin),
                Program.of("consuming: consumer priorities", ConsumingPrograms::consumerPriorities),
                Program.of("consuming: queue deletion cancels consumers", ConsumingPrograms::deletionCancels),
                Program.of("consuming: basic.get counts", ConsumingPrograms::getCounts),
                Program.of("consuming: cancel and close requeue in order", ConsumingPrograms::cancelAndClose),
                Program.of("consuming: auto-delete and exclusive queues go away", ConsumingPrograms::autoDelete),
                Program.of("consuming: single active consumer", ConsumingPrograms::singleActiveConsumer),
                Program.of("consuming: small frames and many channels", ConsumingPrograms::smallFrames));
    }

    private static void publishNumbered(ProgramRun run, Channel ch, String queue, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            run.publish(ch, "", queue, "m" + i);
        }
    }

    private static void requeue(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        publishNumbered(run, ch, q, 5);
        RecordingConsumer c = run.consume(ch, q, false);
        c.await(5);
        ch.basicNack(c.tag(2), false, true);
        c.await(6); // m2 again, redelivered
        ch.basicReject(c.tag(4), true);
        c.await(7);
        ch.basicNack(c.tag(3), true, true); // multiple: every unacknowledged tag up to 3 (m1, m3)
        c.await(9);
        ch.basicAck(c.tag(5), false);
        ch.basicAck(c.tag(9), true);
        run.quiet();
        run.note("c1 deliveries " + c.count());
        run.passive(ch, q);
    }

    private static void dropAndRecover(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        publishNumbered(run, ch, q, 6);
        RecordingConsumer c = run.consume(ch, q, false);
        c.await(6);
        ch.basicReject(c.tag(1), false);
        ch.basicNack(c.tag(3), true, false); // drops m2 and m3
        run.passive(ch, q);
        ch.basicRecover(true); // m4..m6 come back, redelivered
        c.await(9);
        ch.basicAck(c.tag(9), true);
        run.passive(ch, q);
    }

    private static void consumerPrefetch(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        publishNumbered(run, ch, q, 6);
        ch.basicQos(2);
        RecordingConsumer c = run.consume(ch, q, false);
        c.await(2);
        run.quiet();
        run.note("before any ack c1 has " + c.count());
        run.ack(ch, c, 1, false);
        c.await(3);
        run.quiet();
        run.note("after one ack c1 has " + c.count());
        run.ack(ch, c, 3, true);
        c.await(5);
        run.quiet();
        run.note("after acking up to 3 c1 has " + c.count());
        ch.basicQos(0); // no limit from now on: applies to new consumers only
        RecordingConsumer unlimited = run.consume(ch, q, false);
        unlimited.await(1);
        run.ack(ch, c, 5, true);
        run.quiet();
        run.note("c1 has " + c.count() + ", c2 has " + unlimited.count());
        run.passive(ch, q);
    }

    private static void globalPrefetch(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String a = run.name("a");
        String b = run.name("b");
        run.declareQueue(ch, a, Map.of());
        run.declareQueue(ch, b, Map.of());
        publishNumbered(run, ch, a, 5);
        publishNumbered(run, ch, b, 5);
        ch.basicQos(2, false); // each consumer: 2
        ch.basicQos(3, true); // the channel: 3 in all
        // each step leaves one consumer that may take more, so who gets what is defined
        RecordingConsumer ca = run.consume(ch, a, false);
        ca.await(2);
        RecordingConsumer cb = run.consume(ch, b, false);
        cb.await(1);
        run.quiet();
        run.note("c1 has " + ca.count() + ", c2 has " + cb.count());
        run.ack(ch, cb, 1, false); // c1 is at its own limit, c2 is not
        cb.await(2);
        run.quiet();
        run.note("after c2's ack: c1 has " + ca.count() + ", c2 has " + cb.count());
        run.cancel(ch, cb); // its unacknowledged delivery still counts against the channel
        cb.awaitEnd();
        run.ack(ch, ca, 2, true); // the channel has 1 of 3: c1 takes 2 more
        ca.await(4);
        run.quiet();
        run.note("after c1's acks: c1 has " + ca.count() + ", c2 has " + cb.count());
    }

    private static void roundRobin(ProgramRun run) throws Exception {
        Connection connection = run.connect();
        Channel ch1 = run.channel(connection);
        Channel ch2 = run.channel(connection);
        Channel publisher = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch1, q, Map.of());
        RecordingConsumer c1 = run.consume(ch1, q, true);
        RecordingConsumer c2 = run.consume(ch2, q, true);
        RecordingConsumer c3 = run.consume(ch1, q, true);
        run.passive(ch1, q);
        publishNumbered(run, publisher, q, 9);
        c1.await(3);
        c2.await(3);
        c3.await(3);
        run.cancel(ch2, c2);
        publishNumbered(run, publisher, q, 4);
        c1.await(5);
        c3.await(5);
    }

    private static void consumerPriorities(ProgramRun run) throws Exception {
        Channel low = run.channel(run.connect());
        Channel high = run.channel(run.connect());
        Channel publisher = run.channel(run.connect());
        run.confirmSelect(publisher);
        String q = run.name("q");
        run.declareQueue(publisher, q, Map.of());
        low.basicQos(2);
        high.basicQos(2);
        RecordingConsumer cLow = run.consume(low, q, ConsumeOptions.of(false));
        RecordingConsumer cHigh = run.consume(high, q, ConsumeOptions.of(false)
                .arguments(Map.of("x-priority", 5)));
        publishNumbered(run, publisher, q, 5);
        run.awaitConfirms(publisher);
        cHigh.await(2);
        cLow.await(2);
        run.quiet();
        run.note("high has " + cHigh.count() + ", low has " + cLow.count());
        run.passive(publisher, q);
        run.ack(low, cLow, 1, false); // the high one is full: the low one gets m5
        cLow.await(3);
        run.ack(high, cHigh, 2, true);
        publishNumbered(run, publisher, q, 2);
        cHigh.await(4);
        run.quiet();
        run.note("high has " + cHigh.count() + ", low has " + cLow.count());
    }

    private static void deletionCancels(ProgramRun run) throws Exception {
        Channel ch1 = run.channel(run.connect());
        Channel ch2 = run.channel(run.connect());
        Channel admin = run.channel(run.connect());
        run.confirmSelect(admin);
        String q = run.name("q");
        run.declareQueue(admin, q, Map.of());
        publishNumbered(run, admin, q, 3);
        ch1.basicQos(3);
        ch2.basicQos(1);
        RecordingConsumer c1 = run.consume(ch1, q, false);
        c1.await(3);
        RecordingConsumer c2 = run.consume(ch2, q, ConsumeOptions.of(false).tag("chosen-tag"));
        publishNumbered(run, admin, q, 2); // c2 takes one, one stays
        c2.await(1);
        run.awaitConfirms(admin);
        run.passive(admin, q);
        run.deleteQueue(admin, q, false, false);
        c1.awaitEnd();
        c2.awaitEnd();
        run.attempt("ch1 ack after the queue went", () -> ch1.basicAck(c1.tag(1), false));
        run.attempt("ch1 queue.declare passive", () -> ch1.queueDeclarePassive(q));
        run.passive(ch2, run.declareQueue(ch2, "", false, true, true, Map.of()));
    }

    private static void getCounts(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        run.get(ch, q, true);
        publishNumbered(run, ch, q, 4);
        run.get(ch, q, true);
        GetResponse second = run.get(ch, q, false);
        GetResponse third = run.get(ch, q, false);
        run.passive(ch, q);
        ch.basicReject(second.getEnvelope().getDeliveryTag(), true);
        GetResponse again = run.get(ch, q, false);
        ch.basicAck(third.getEnvelope().getDeliveryTag(), false);
        ch.basicNack(again.getEnvelope().getDeliveryTag(), false, true);
        run.drain(ch, q);
        run.purge(ch, q);
        publishNumbered(run, ch, q, 3);
        run.get(ch, q, false);
        run.purge(ch, q); // the unacknowledged one stays
        run.passive(ch, q);
        ch.basicRecover(true);
        run.drain(ch, q);
    }

    private static void cancelAndClose(ProgramRun run) throws Exception {
        Connection connection = run.connect();
        Channel ch = run.channel(connection);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        publishNumbered(run, ch, q, 5);
        RecordingConsumer c1 = run.consume(ch, q, false);
        c1.await(5);
        run.cancel(ch, c1);
        c1.awaitEnd();
        run.ack(ch, c1, 2, false); // a cancelled consumer's deliveries can still be acknowledged
        run.passive(ch, q);
        ch.close(); // m1, m3, m4, m5 go back, in their order
        Channel ch2 = run.channel(connection);
        RecordingConsumer c2 = run.consume(ch2, q, false);
        c2.await(4);
        run.ack(ch2, c2, 4, true);
        publishNumbered(run, ch2, q, 2);
        c2.await(6);
    }

    private static void singleActiveConsumer(ProgramRun run) throws Exception {
        Channel publisher = run.channel(run.connect());
        run.confirmSelect(publisher);
        String q = run.name("q");
        run.declareQueue(publisher, q, Map.of("x-single-active-consumer", true));
        Channel ch1 = run.channel(run.connect());
        Channel ch2 = run.channel(run.connect());
        ch1.basicQos(2);
        RecordingConsumer first = run.consume(ch1, q, false);
        RecordingConsumer second = run.consume(ch2, q, true);
        publishNumbered(run, publisher, q, 4);
        run.awaitConfirms(publisher);
        first.await(2);
        run.passive(publisher, q);
        run.quiet();
        run.note("first has " + first.count() + ", second has " + second.count());
        // The active consumer's channel goes: its deliveries go back and the second takes over.
        // (Not compared: a basic.cancel of the active consumer. RabbitMQ 3.10 then leaves the
        // waiting messages in the queue and hands the next published one to the new active
        // consumer first; Depot hands over the waiting ones at once, in order.)
        ch1.close();
        second.await(4);
        run.passive(publisher, q);
    }

    private static void smallFrames(ProgramRun run) throws Exception {
        Connection small = run.connect(f -> {
            f.setRequestedFrameMax(4096);
            f.setRequestedChannelMax(3);
        });
        run.note("negotiated frame_max " + small.getFrameMax() + ", channel_max " + small.getChannelMax());
        Channel ch = run.channel(small);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        byte[] body = new byte[20_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 251);
        }
        ch.basicPublish("", q, null, body);
        run.get(ch, q, true);
        Channel ch2 = run.channel(small);
        Channel ch3 = run.channel(small);
        run.passive(ch3, q);
        ch2.close();
        run.passive(run.channel(small), q);
        Connection normal = run.connect();
        run.note("default frame_max " + normal.getFrameMax() + ", channel_max " + normal.getChannelMax()
                + ", heartbeat " + normal.getHeartbeat());
    }

    private static void autoDelete(ProgramRun run) throws Exception {
        Connection owner = run.connect();
        Channel ch = run.channel(owner);
        Channel other = run.channel(run.connect());
        String auto = run.name("auto");
        String exclusive = run.name("exclusive");
        run.declareQueue(ch, auto, false, false, true, Map.of());
        run.declareQueue(ch, exclusive, false, true, false, Map.of());
        run.passive(other, auto);
        RecordingConsumer c1 = run.consume(ch, auto, true);
        RecordingConsumer c2 = run.consume(ch, auto, true);
        run.cancel(ch, c1);
        c1.awaitEnd();
        run.passive(other, auto);
        run.cancel(ch, c2);
        c2.awaitEnd();
        run.attempt("queue.declare passive of the auto-delete queue after its last consumer",
                () -> other.queueDeclarePassive(auto));
        owner.close();
        Connection observer = run.connect();
        run.awaitQueueGone(observer, exclusive);
        String expiring = run.name("expiring");
        Channel ch2 = run.channel(observer);
        run.declareQueue(ch2, expiring, Map.of("x-expires", 50));
        // every look at the queue (even passive) renews its lease, and its end is no event a client
        // could wait for: wait well past it (RabbitMQ deletes at once, Depot within its 250 ms sweep)
        Thread.sleep(600);
        run.attempt("queue.declare passive of a queue unused past x-expires", () -> ch2.queueDeclarePassive(expiring));
        Channel ch3 = run.channel(observer);
        String autoX = run.name("auto-x");
        String bound = run.name("bound");
        ch3.exchangeDeclare(autoX, "fanout", false, true, null);
        run.declareQueue(ch3, bound, Map.of());
        ch3.queueBind(bound, autoX, "");
        ch3.queueBind(bound, autoX, "second");
        ch3.queueUnbind(bound, autoX, "");
        run.attempt("exchange.declare passive of an auto-delete exchange with a binding left",
                () -> ch3.exchangeDeclarePassive(autoX));
        ch3.queueUnbind(bound, autoX, "second");
        run.attempt("exchange.declare passive of an auto-delete exchange after its last binding",
                () -> ch3.exchangeDeclarePassive(autoX));
    }
}
