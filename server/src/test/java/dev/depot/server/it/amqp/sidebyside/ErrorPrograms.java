package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.util.List;
import java.util.Map;

/**
 * Every error a client can provoke, by reply code: each is provoked on a fresh channel (or, for
 * the codes that close the connection, a fresh connection) so that one error does not hide the
 * next, and the reply code, text and failing method are recorded.
 */
final class ErrorPrograms {
    private ErrorPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("errors: 403 access refused", ErrorPrograms::accessRefused),
                Program.of("errors: 404 not found", ErrorPrograms::notFound),
                Program.of("errors: 405 resource locked", ErrorPrograms::resourceLocked),
                Program.of("errors: 406 precondition failed", ErrorPrograms::preconditionFailed),
                Program.of("errors: 406 invalid queue arguments", ErrorPrograms::invalidArguments),
                Program.of("errors: 503, 504, 530 and 540 close the connection", ErrorPrograms::connectionErrors));
    }

    @FunctionalInterface
    private interface ChannelCall {
        void run(Channel channel) throws Exception;
    }

    /**
     * Runs {@code call} on a new channel of {@code connection} and records its outcome; the
     * basic.qos after it is a synchronous call that fails once the channel has been closed, so
     * that an error caused by an asynchronous method (publish, ack) is recorded too.
     */
    private static void provoke(ProgramRun run, Connection connection, String what, ChannelCall call)
            throws Exception {
        Channel channel = run.channel(connection);
        run.attempt(what, () -> {
            call.run(channel);
            channel.basicQos(0);
        });
    }

    private static void accessRefused(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel setup = run.channel(conn);
        String q = run.name("q");
        String internal = run.name("internal");
        run.declareQueue(setup, q, Map.of());
        setup.exchangeDeclare(internal, "fanout", false, false, true, Map.of());
        provoke(run, conn, "exchange.declare amq.custom", ch -> ch.exchangeDeclare("amq.custom", "direct"));
        provoke(run, conn, "queue.declare amq.custom", ch -> ch.queueDeclare("amq.custom", false, false, false, null));
        provoke(run, conn, "exchange.delete amq.direct", ch -> ch.exchangeDelete("amq.direct"));
        provoke(run, conn, "exchange.declare amq.direct not durable", ch -> ch.exchangeDeclare("amq.direct", "direct"));
        provoke(run, conn, "exchange.declare amq.direct as it is", ch -> ch.exchangeDeclare("amq.direct", "direct", true));
        provoke(run, conn, "exchange.declare amq.direct passive", ch -> ch.exchangeDeclarePassive("amq.direct"));
        provoke(run, conn, "queue.bind to the default exchange", ch -> ch.queueBind(q, "", q));
        provoke(run, conn, "queue.unbind from the default exchange", ch -> ch.queueUnbind(q, "", q));
        provoke(run, conn, "publish to an internal exchange", ch -> ch.basicPublish(internal, "", null, new byte[0]));
        Channel owner = run.channel(conn);
        run.consume(owner, q, ConsumeOptions.of(true).asExclusive());
        provoke(run, conn, "basic.consume of a queue with an exclusive consumer",
                ch -> ch.basicConsume(q, true, new com.rabbitmq.client.DefaultConsumer(ch)));
        String shared = run.name("shared");
        run.declareQueue(setup, shared, Map.of());
        run.consume(owner, shared, true);
        provoke(run, conn, "exclusive basic.consume of a queue with consumers",
                ch -> ch.basicConsume(shared, true, "", false, true, null, new com.rabbitmq.client.DefaultConsumer(ch)));
        run.attempt("login with a wrong password", () -> run.connect(f -> f.setPassword("wrong")));
        run.attempt("login as an unknown user", () -> run.connect(f -> f.setUsername("nobody")));
        run.passive(setup, q);
    }

    private static void notFound(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel setup = run.channel(conn);
        String q = run.name("q");
        String x = run.name("x");
        String missing = run.name("missing");
        run.declareQueue(setup, q, Map.of());
        run.declareExchange(setup, x, "direct");
        provoke(run, conn, "queue.declare passive", ch -> ch.queueDeclarePassive(missing));
        provoke(run, conn, "exchange.declare passive", ch -> ch.exchangeDeclarePassive(missing));
        provoke(run, conn, "publish to a missing exchange", ch -> ch.basicPublish(missing, "k", null, new byte[0]));
        provoke(run, conn, "publish to a missing exchange in a transaction", ch -> {
            ch.txSelect();
            ch.basicPublish(missing, "k", null, new byte[0]);
            ch.txCommit();
        });
        provoke(run, conn, "queue.bind of a missing queue", ch -> ch.queueBind(missing, x, "k"));
        provoke(run, conn, "queue.bind to a missing exchange", ch -> ch.queueBind(q, missing, "k"));
        provoke(run, conn, "queue.bind with both missing", ch -> ch.queueBind(missing, missing + "2", "k"));
        provoke(run, conn, "queue.unbind of a missing queue", ch -> ch.queueUnbind(missing, x, "k"));
        provoke(run, conn, "exchange.bind to a missing destination", ch -> ch.exchangeBind(missing, x, "k"));
        provoke(run, conn, "exchange.unbind of a missing source", ch -> ch.exchangeUnbind(x, missing, "k"));
        provoke(run, conn, "basic.consume of a missing queue", ch -> ch.basicConsume(missing, true,
                new com.rabbitmq.client.DefaultConsumer(ch)));
        provoke(run, conn, "basic.get of a missing queue", ch -> ch.basicGet(missing, true));
        provoke(run, conn, "queue.purge of a missing queue", ch -> ch.queuePurge(missing));
        provoke(run, conn, "queue.bind of '' before any declare", ch -> ch.queueBind("", x, "k"));
        provoke(run, conn, "queue.declare passive of '' before any declare", ch -> ch.queueDeclarePassive(""));
        provoke(run, conn, "basic.get of '' before any declare", ch -> ch.basicGet("", true));
        provoke(run, conn, "queue.declare passive of '' after a declare", ch -> {
            run.declareQueue(ch, q, Map.of());
            run.passive(ch, "");
            run.get(ch, "", true);
        });
        provoke(run, conn, "queue.delete of a missing queue", ch -> ch.queueDelete(missing));
        provoke(run, conn, "exchange.delete of a missing exchange", ch -> ch.exchangeDelete(missing));
        provoke(run, conn, "queue.unbind of a missing binding", ch -> ch.queueUnbind(q, x, "never-bound"));
        provoke(run, conn, "dead-lettering to a missing exchange", ch -> {
            String dying = run.name("dying");
            ch.queueDeclare(dying, false, false, false, Map.of("x-dead-letter-exchange", missing));
            ch.basicPublish("", dying, null, "dropped".getBytes());
            ch.basicReject(ch.basicGet(dying, false).getEnvelope().getDeliveryTag(), false);
            run.passive(ch, dying);
        });
    }

    private static void resourceLocked(ProgramRun run) throws Exception {
        Connection owner = run.connect();
        Channel mine = run.channel(owner);
        String q = run.name("exclusive");
        run.declareQueue(mine, q, false, true, false, Map.of());
        run.publish(mine, "", q, "for the owner only");
        Connection other = run.connect();
        provoke(run, other, "queue.declare passive", ch -> ch.queueDeclarePassive(q));
        provoke(run, other, "queue.declare exclusive", ch -> ch.queueDeclare(q, false, true, false, null));
        provoke(run, other, "queue.declare not exclusive", ch -> ch.queueDeclare(q, false, false, false, null));
        provoke(run, other, "basic.consume", ch -> ch.basicConsume(q, true, new com.rabbitmq.client.DefaultConsumer(ch)));
        provoke(run, other, "basic.get", ch -> ch.basicGet(q, true));
        provoke(run, other, "queue.purge", ch -> ch.queuePurge(q));
        provoke(run, other, "queue.bind", ch -> ch.queueBind(q, "amq.direct", "k"));
        provoke(run, other, "queue.delete", ch -> ch.queueDelete(q));
        provoke(run, other, "publish (allowed)", ch -> ch.basicPublish("", q, null, "from another connection".getBytes()));
        provoke(run, owner, "queue.declare not exclusive by the owner", ch -> ch.queueDeclare(q, false, false, false, null));
        run.drain(mine, q);
    }

    private static void preconditionFailed(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel setup = run.channel(conn);
        run.confirmSelect(setup);
        String q = run.name("q");
        String x = run.name("x");
        run.declareQueue(setup, q, Map.of("x-message-ttl", 10_000));
        run.declareExchange(setup, x, "direct");
        setup.queueBind(q, x, "k");
        run.publish(setup, "", q, "keeps the queue non-empty");
        run.awaitConfirms(setup);
        provoke(run, conn, "queue.declare durable", ch -> ch.queueDeclare(q, true, false, false, Map.of("x-message-ttl", 10_000)));
        provoke(run, conn, "queue.declare other ttl", ch -> ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 2000)));
        provoke(run, conn, "queue.declare without ttl", ch -> ch.queueDeclare(q, false, false, false, null));
        provoke(run, conn, "queue.declare auto-delete", ch -> ch.queueDeclare(q, false, false, true, Map.of("x-message-ttl", 10_000)));
        provoke(run, conn, "exchange.declare other type", ch -> ch.exchangeDeclare(x, "fanout"));
        provoke(run, conn, "exchange.declare durable", ch -> ch.exchangeDeclare(x, "direct", true));
        provoke(run, conn, "exchange.declare internal", ch -> ch.exchangeDeclare(x, "direct", false, false, true, null));
        provoke(run, conn, "exchange.declare with another alternate exchange", ch -> ch.exchangeDeclare(x, "direct",
                false, false, Map.of("alternate-exchange", "ae")));
        provoke(run, conn, "exchange.declare with a numeric alternate exchange", ch -> ch.exchangeDeclare(
                run.name("x2"), "direct", false, false, Map.of("alternate-exchange", 5)));
        provoke(run, conn, "queue.bind with x-match bogus", ch -> {
            ch.exchangeDeclare(run.name("h"), "headers");
            ch.queueBind(q, run.name("h"), "", Map.of("x-match", "bogus"));
        });
        provoke(run, conn, "queue.bind with x-match as a number", ch -> ch.queueBind(q, "amq.match", "",
                Map.of("x-match", 1)));
        provoke(run, conn, "ack of an unknown tag", ch -> ch.basicAck(42, false));
        provoke(run, conn, "ack twice", ch -> {
            long tag = ch.basicGet(q, false).getEnvelope().getDeliveryTag();
            ch.basicAck(tag, false);
            ch.basicAck(tag, false);
        });
        provoke(run, conn, "reject of an unknown tag", ch -> ch.basicReject(7, true));
        provoke(run, conn, "nack multiple of an unknown tag", ch -> ch.basicNack(3, true, true));
        run.publish(setup, "", q, "again");
        run.awaitConfirms(setup);
        provoke(run, conn, "queue.delete if-empty", ch -> ch.queueDelete(q, false, true));
        Channel consumer = run.channel(conn);
        run.consume(consumer, q, false);
        provoke(run, conn, "queue.delete if-unused", ch -> ch.queueDelete(q, true, false));
        provoke(run, conn, "exchange.delete if-unused", ch -> ch.exchangeDelete(x, true));
        provoke(run, conn, "tx.commit outside a transaction", Channel::txCommit);
        provoke(run, conn, "tx.rollback outside a transaction", Channel::txRollback);
        provoke(run, conn, "confirm.select after tx.select", ch -> {
            ch.txSelect();
            ch.confirmSelect();
        });
        provoke(run, conn, "tx.select after confirm.select", ch -> {
            ch.confirmSelect();
            ch.txSelect();
        });
        provoke(run, conn, "publish with another user-id", ch -> ch.basicPublish("", q,
                new AMQP.BasicProperties.Builder().userId("admin").build(), new byte[0]));
        provoke(run, conn, "publish with another user-id and a bad expiration", ch -> ch.basicPublish("", q,
                new AMQP.BasicProperties.Builder().userId("admin").expiration("-1").build(), new byte[0]));
        provoke(run, conn, "publish with a bad expiration to a missing exchange", ch -> ch.basicPublish(
                run.name("missing"), "k", new AMQP.BasicProperties.Builder().expiration("x").build(), new byte[0]));
        provoke(run, conn, "publish with a bad expiration to an internal exchange", ch -> {
            ch.exchangeDeclare(run.name("internal"), "fanout", false, false, true, null);
            ch.basicPublish(run.name("internal"), "k", new AMQP.BasicProperties.Builder().expiration("x").build(),
                    new byte[0]);
        });
    }

    private static void invalidArguments(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        List<Map<String, Object>> invalid = List.of(
                Map.of("x-max-length", -1),
                Map.of("x-max-length", "ten"),
                Map.of("x-message-ttl", -5),
                Map.of("x-message-ttl", 1.5),
                Map.of("x-expires", 0),
                Map.of("x-max-priority", 300),
                Map.of("x-max-priority", -1),
                Map.of("x-overflow", "drop-tail"),
                Map.of("x-dead-letter-routing-key", "k"),
                Map.of("x-max-length-bytes", -1L),
                Map.of("x-queue-mode", "eager"),
                Map.of("x-queue-type", "nonsense"));
        for (int i = 0; i < invalid.size(); i++) {
            String q = run.name("q" + i);
            Map<String, Object> arguments = invalid.get(i);
            provoke(run, conn, "queue.declare with " + Describe.value(arguments),
                    ch -> ch.queueDeclare(q, false, false, false, arguments));
        }
        Channel ok = run.channel(conn);
        run.declareQueue(ok, run.name("unknown-args"), Map.of("x-unknown", "is ignored", "x-max-length", 5L));
    }

    private static void connectionErrors(ProgramRun run) throws Exception {
        provoke(run, run.connect(), "exchange.declare of an unknown type", ch -> ch.exchangeDeclare(run.name("x"), "nonsense"));
        provoke(run, run.connect(), "a second channel.open", ch -> ch.rpc(new AMQP.Channel.Open.Builder().build()));
        provoke(run, run.connect(), "consumer tag reused", ch -> {
            String q = ch.queueDeclare().getQueue();
            ch.basicConsume(q, true, "dup", new com.rabbitmq.client.DefaultConsumer(ch));
            ch.basicConsume(q, true, "dup", new com.rabbitmq.client.DefaultConsumer(ch));
        });
        provoke(run, run.connect(), "basic.qos with prefetch_size", ch -> ch.basicQos(1, 10, false));
        provoke(run, run.connect(), "publish immediate", ch -> ch.basicPublish("", "q", false, true, null, new byte[0]));
        provoke(run, run.connect(), "basic.recover without requeue", ch -> ch.basicRecover(false));
        run.attempt("connection.open of an unknown vhost", () -> run.connect(f -> f.setVirtualHost("nope")));
    }
}
