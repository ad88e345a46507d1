package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a publisher sees: returns, confirms, transactions, and its messages as consumers get them. */
final class PublishingPrograms {
    private PublishingPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("publishing: mandatory returns", PublishingPrograms::mandatory),
                Program.of("publishing: confirms of routed and unroutable messages", PublishingPrograms::confirms),
                Program.of("publishing: reject-publish overflow nacks", PublishingPrograms::rejectPublish),
                Program.of("publishing: transactions commit and roll back", PublishingPrograms::transactions),
                Program.of("publishing: properties and header types round trip", PublishingPrograms::properties),
                Program.of("publishing: large bodies over several frames", PublishingPrograms::largeBodies));
    }

    private static void mandatory(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("x");
        String q = run.name("q");
        run.declareExchange(ch, x, "direct");
        run.declareQueue(ch, q, Map.of());
        ch.queueBind(q, x, "bound");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("text/plain")
                .headers(Map.of("n", 1)).messageId("m-1").deliveryMode(2).build();
        run.publish(ch, x, "unbound", true, props, "mandatory, unroutable");
        run.publish(ch, x, "unbound", false, props, "not mandatory, dropped");
        run.publish(ch, x, "bound", true, props, "mandatory, routed");
        run.publish(ch, "", run.name("no-such-queue"), true, props, "default exchange, no queue");
        run.publish(ch, "", q, true, new AMQP.BasicProperties(), "default exchange, queue exists");
        run.awaitReturns(ch, 2);
        run.drain(ch, q);
    }

    private static void confirms(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("fan");
        String a = run.name("a");
        String b = run.name("b");
        run.declareExchange(ch, x, "fanout");
        run.declareQueue(ch, a, Map.of());
        run.declareQueue(ch, b, Map.of());
        ch.queueBind(a, x, "");
        ch.queueBind(b, x, "");
        run.confirmSelect(ch);
        run.confirmSelect(ch); // a second confirm.select is fine
        run.publish(ch, x, "", "to two queues");
        run.publish(ch, "", a, "to one queue");
        run.publish(ch, "", run.name("nowhere"), "unroutable");
        run.publish(ch, "", run.name("nowhere"), true, new AMQP.BasicProperties(), "unroutable, mandatory");
        run.publish(ch, x, "", true, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), "persistent");
        run.awaitConfirms(ch);
        for (int i = 0; i < 20; i++) {
            run.publish(ch, "", i % 2 == 0 ? a : run.name("nowhere"), "burst " + i);
        }
        run.awaitConfirms(ch);
        run.passive(ch, a);
        run.passive(ch, b);
    }

    private static void rejectPublish(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("bounded");
        String dlq = run.name("dlq");
        String dlx = run.name("dlx");
        run.declareExchange(ch, dlx, "fanout");
        run.declareQueue(ch, dlq, Map.of());
        ch.queueBind(dlq, dlx, "");
        run.declareQueue(ch, q, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        String q2 = run.name("bounded-dlx");
        run.declareQueue(ch, q2, Map.of("x-max-length", 1, "x-overflow", "reject-publish-dlx",
                "x-dead-letter-exchange", dlx));
        run.confirmSelect(ch);
        for (int i = 1; i <= 4; i++) {
            run.publish(ch, "", q, "m" + i);
        }
        run.awaitConfirms(ch);
        run.get(ch, q, true);
        run.publish(ch, "", q, "m5, room again");
        run.awaitConfirms(ch);
        run.publish(ch, "", q2, "fits");
        run.publish(ch, "", q2, "rejected and dead-lettered");
        run.awaitConfirms(ch);
        String both = run.name("both");
        run.declareExchange(ch, both, "fanout");
        ch.queueBind(q, both, "");
        ch.queueBind(dlq, both, "");
        run.publish(ch, both, "", "one of its two queues is full: nack");
        run.awaitConfirms(ch);
        run.drain(ch, q);
        run.drain(ch, q2);
        run.drain(ch, dlq);
    }

    private static void transactions(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        Channel observer = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        ch.txSelect();
        ch.txSelect(); // again: fine
        run.publish(ch, "", q, "rolled back");
        run.passive(observer, q);
        ch.txRollback();
        run.passive(observer, q);
        run.publish(ch, "", q, "committed 1");
        run.publish(ch, "", q, "committed 2");
        run.publish(ch, "", run.name("nowhere"), true, new AMQP.BasicProperties(), "returned at commit");
        ch.txCommit();
        run.awaitReturns(ch, 1);
        GetResponse first = run.get(ch, q, false);
        GetResponse second = run.get(ch, q, false);
        ch.basicAck(first.getEnvelope().getDeliveryTag(), false);
        ch.txRollback(); // the ack is undone: the delivery is still unacknowledged
        run.passive(observer, q);
        ch.basicReject(second.getEnvelope().getDeliveryTag(), true);
        ch.basicAck(first.getEnvelope().getDeliveryTag(), false);
        ch.txCommit();
        run.drain(ch, q);
        ch.txCommit(); // an empty commit
        run.note("committed an empty transaction");
        // a transaction's publish is routed when published: a binding made before the commit does not count
        String x = run.name("x");
        String late = run.name("late");
        run.declareExchange(observer, x, "fanout");
        run.declareQueue(observer, late, Map.of());
        run.publish(ch, x, "", "published before the binding");
        ch.queueDeclarePassive(late); // a round trip on ch: the publish is in before the other channel binds
        observer.queueBind(late, x, "");
        run.publish(ch, x, "", "published after the binding");
        ch.txCommit();
        run.drain(ch, late);
    }

    private static void properties(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", "value");
        nested.put("depth", List.of(1, List.of("two", 3L)));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("string", "text");
        headers.put("int", -7);
        headers.put("long", 1L << 40);
        headers.put("short", (short) 300);
        headers.put("byte", (byte) -2);
        headers.put("bool", false);
        headers.put("double", 2.5d);
        headers.put("float", 1.25f);
        headers.put("decimal", new BigDecimal("123.45"));
        headers.put("timestamp", new Date(1_700_000_000_000L));
        headers.put("bytes", new byte[] {0, 1, (byte) 0xff});
        headers.put("table", nested);
        headers.put("array", Arrays.asList("a", 1, true, null));
        headers.put("void", null);
        headers.put("empty", "");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip").headers(headers).deliveryMode(1)
                .priority(3).correlationId("corr").replyTo("reply.queue").expiration("60000").messageId("id-1")
                .timestamp(new Date(1_600_000_000_000L)).type("kind").userId("guest").appId("app")
                .clusterId("cluster").build();
        run.publish(ch, "", q, false, props, "all of them");
        run.publish(ch, "", q, false, new AMQP.BasicProperties(), "");
        ch.basicPublish("", q, false, new AMQP.BasicProperties(), new byte[] {0, 10, 13, (byte) 200});
        run.drain(ch, q);
        run.publish(ch, "", q, false, props, "to a consumer");
        RecordingConsumer consumer = run.consume(ch, q, true);
        consumer.await(1);
        run.publish(ch, "", q, false, new AMQP.BasicProperties.Builder().userId("someone-else").build(),
                "user-id that is not the connection's user");
        run.awaitClosed(ch);
    }

    private static void largeBodies(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        for (int size : new int[] {131_064, 131_065, 300_000}) {
            byte[] body = new byte[size];
            for (int i = 0; i < size; i++) {
                body[i] = (byte) (i * 31);
            }
            ch.basicPublish("", q, null, body);
        }
        RecordingConsumer consumer = run.consume(ch, q, true);
        consumer.await(3);
        ch.basicPublish("", q, null, "small after large".getBytes(StandardCharsets.UTF_8));
        consumer.await(4);
    }
}
