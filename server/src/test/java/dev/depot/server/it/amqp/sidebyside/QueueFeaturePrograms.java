package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import java.util.List;
import java.util.Map;

/**
 * Queue arguments and message properties that change what a queue keeps: TTLs, dead-lettering
 * and its x-death history, length limits, priorities. Dead-lettered messages are read by a
 * consumer (awaited) or, when they are dead-lettered synchronously, by basic.get.
 */
final class QueueFeaturePrograms {
    private QueueFeaturePrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("queues: queue TTL dead-letters with x-death", QueueFeaturePrograms::queueTtl),
                Program.of("queues: per-message TTL", QueueFeaturePrograms::messageTtl),
                Program.of("queues: dead-letter cycle counts in x-death", QueueFeaturePrograms::deadLetterCycle),
                Program.of("queues: max-length drop-head", QueueFeaturePrograms::maxLengthDropHead),
                Program.of("queues: priorities", QueueFeaturePrograms::priorities));
    }

    /** A fanout dead-letter exchange and a queue behind it. */
    private static void deadLetterTarget(ProgramRun run, Channel ch, String dlx, String dlq) throws Exception {
        run.declareExchange(ch, dlx, "fanout");
        run.declareQueue(ch, dlq, Map.of());
        ch.queueBind(dlq, dlx, "");
    }

    private static void queueTtl(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String dlx = run.name("dlx");
        String dlq = run.name("dlq");
        deadLetterTarget(run, ch, dlx, dlq);
        String direct = run.name("dlx-direct");
        String byKey = run.name("by-key");
        run.declareExchange(ch, direct, "direct");
        run.declareQueue(ch, byKey, Map.of());
        ch.queueBind(byKey, direct, "dead");
        String q = run.name("short-lived");
        String q2 = run.name("short-lived-rekeyed");
        run.declareQueue(ch, q, Map.of("x-message-ttl", 100, "x-dead-letter-exchange", dlx));
        run.declareQueue(ch, q2, Map.of("x-message-ttl", 100, "x-dead-letter-exchange", direct,
                "x-dead-letter-routing-key", "dead"));
        RecordingConsumer dead = run.consume(run.channel(run.connect()), dlq, true);
        RecordingConsumer rekeyed = run.consume(run.channel(run.connect()), byKey, true);
        run.publish(ch, "", q, false, new AMQP.BasicProperties.Builder().headers(Map.of("mine", "kept"))
                .deliveryMode(2).build(), "expires 1");
        run.publish(ch, "", q, "expires 2");
        run.publish(ch, "", q2, "expires with a new key");
        dead.await(2);
        rekeyed.await(1);
        run.passive(ch, q);
        String lazy = run.name("zero-ttl");
        run.declareQueue(ch, lazy, Map.of("x-message-ttl", 0, "x-dead-letter-exchange", dlx));
        run.publish(ch, "", lazy, "ttl 0 without a consumer");
        dead.await(3);
        run.get(ch, lazy, true);
    }

    private static void messageTtl(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String dlx = run.name("dlx");
        String dlq = run.name("dlq");
        deadLetterTarget(run, ch, dlx, dlq);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of("x-dead-letter-exchange", dlx, "x-message-ttl", 60_000));
        RecordingConsumer dead = run.consume(ch, dlq, true);
        run.publish(ch, "", q, false, new AMQP.BasicProperties.Builder().expiration("50").build(), "short");
        run.publish(ch, "", q, false, new AMQP.BasicProperties.Builder().expiration("0").build(), "zero");
        run.publish(ch, "", q, false, new AMQP.BasicProperties.Builder().expiration("60000").build(), "long");
        dead.await(2);
        run.passive(ch, q);
        run.drain(ch, q);
        String live = run.name("live");
        run.declareQueue(ch, live, Map.of());
        RecordingConsumer consumer = run.consume(ch, live, true);
        run.publish(ch, "", live, false, new AMQP.BasicProperties.Builder().expiration("0").build(),
                "ttl 0 to a waiting consumer");
        consumer.await(1);
        run.publish(ch, "", q, false, new AMQP.BasicProperties.Builder().expiration("soon").build(), "bad");
        run.awaitClosed(ch);
    }

    private static void deadLetterCycle(ProgramRun run) throws Exception {
        // first -(rejected)-> second -(expired)-> first -(rejected)-> second -(expired)-> first: acked
        Channel ch = run.channel(run.connect());
        String toSecond = run.name("to-second");
        String toFirst = run.name("to-first");
        String first = run.name("first");
        String second = run.name("second");
        run.declareExchange(ch, toSecond, "fanout");
        run.declareExchange(ch, toFirst, "fanout");
        run.declareQueue(ch, first, Map.of("x-dead-letter-exchange", toSecond));
        run.declareQueue(ch, second, Map.of("x-dead-letter-exchange", toFirst, "x-message-ttl", 50));
        ch.queueBind(second, toSecond, "");
        ch.queueBind(first, toFirst, "");
        Channel consumerChannel = run.channel(run.connect());
        RecordingConsumer c = run.consume(consumerChannel, first, ConsumeOptions.of(false).onDelivery(
                (channel, envelope) -> {
                    if (envelope.getDeliveryTag() < 3) {
                        channel.basicReject(envelope.getDeliveryTag(), false);
                    } else {
                        channel.basicAck(envelope.getDeliveryTag(), false);
                    }
                }));
        run.publish(ch, "", first, false, new AMQP.BasicProperties.Builder().expiration("10000").build(),
                "goes round");
        c.await(3);
        run.passive(ch, first);
        run.passive(ch, second);
    }

    private static void maxLengthDropHead(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String dlx = run.name("dlx");
        String dlq = run.name("dlq");
        deadLetterTarget(run, ch, dlx, dlq);
        run.confirmSelect(ch);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of("x-max-length", 2, "x-dead-letter-exchange", dlx));
        for (int i = 1; i <= 4; i++) {
            run.publish(ch, "", q, "m" + i);
        }
        run.awaitConfirms(ch);
        run.passive(ch, q);
        run.drain(ch, q);
        String bytes = run.name("bytes");
        run.declareQueue(ch, bytes, Map.of("x-max-length-bytes", 10, "x-dead-letter-exchange", dlx));
        for (String body : List.of("12345", "67890", "abc", "0123456789A")) {
            run.publish(ch, "", bytes, body);
        }
        run.awaitConfirms(ch);
        run.passive(ch, bytes);
        run.drain(ch, bytes);
        String zero = run.name("zero");
        run.declareQueue(ch, zero, Map.of("x-max-length", 0));
        run.publish(ch, "", zero, "never kept");
        run.awaitConfirms(ch);
        run.passive(ch, zero);
        run.drain(ch, dlq);
    }

    private static void priorities(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        run.confirmSelect(ch);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of("x-max-priority", 5));
        int[] priorities = {0, 1, 5, 3, 9, 1, -1, 5};
        for (int i = 0; i < priorities.length; i++) {
            AMQP.BasicProperties props = priorities[i] < 0 ? new AMQP.BasicProperties()
                    : new AMQP.BasicProperties.Builder().priority(priorities[i]).build();
            run.publish(ch, "", q, false, props, "m" + i + " priority " + priorities[i]);
        }
        run.awaitConfirms(ch);
        run.passive(ch, q);
        run.get(ch, q, true);
        run.get(ch, q, false);
        ch.basicRecover(true); // the unacknowledged one goes back ahead of its priority
        RecordingConsumer c = run.consume(ch, q, true);
        c.await(priorities.length - 1);
        String bounded = run.name("bounded");
        run.declareQueue(ch, bounded, Map.of("x-max-priority", 9, "x-max-length", 3));
        for (int p : new int[] {1, 9, 5, 1, 3}) {
            run.publish(ch, "", bounded, false, new AMQP.BasicProperties.Builder().priority(p).build(), "p" + p);
        }
        run.awaitConfirms(ch);
        run.drain(ch, bounded);
        String plain = run.name("plain");
        run.declareQueue(ch, plain, Map.of());
        for (int p : new int[] {1, 9, 5}) {
            run.publish(ch, "", plain, false, new AMQP.BasicProperties.Builder().priority(p).build(), "p" + p);
        }
        run.drain(ch, plain);
    }
}
