package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import com.rabbitmq.client.GetResponse;

import java.util.List;
import java.util.Map;

/**
 * Methods and features outside the everyday core: channel.flow (only active=true nowadays),
 * 0-8's access.request, and direct reply-to (the pseudo-queue amq.rabbitmq.reply-to). Reply
 * addresses are the broker's own business: a program names each by an alias once it learns it.
 */
final class ExtensionPrograms {
    private ExtensionPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("extensions: channel.flow", ExtensionPrograms::channelFlow),
                Program.of("extensions: access.request", ExtensionPrograms::accessRequest),
                Program.of("direct reply-to: round trip", ExtensionPrograms::replyRoundTrip),
                Program.of("direct reply-to: routes and delivery tags", ExtensionPrograms::replyRoutes),
                Program.of("direct reply-to: queue.declare and the other queue methods", ExtensionPrograms::replyQueueMethods),
                Program.of("direct reply-to: consumer errors", ExtensionPrograms::replyConsumerErrors),
                Program.of("direct reply-to: replies to a gone consumer", ExtensionPrograms::replyToGoneConsumer),
                Program.of("direct reply-to: a channel asking after its own address", ExtensionPrograms::replyOwnAddress));
    }

    private static AMQP.Channel.Flow flow(boolean active) {
        return new AMQP.Channel.Flow.Builder().active(active).build();
    }

    private static void channelFlow(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel ch = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        AMQP.Channel.FlowOk ok = (AMQP.Channel.FlowOk) ch.rpc(flow(true)).getMethod();
        run.note("ch1 channel.flow active=true -> flow-ok active=" + ok.getActive());
        RecordingConsumer c = run.consume(ch, q, true);
        run.publish(ch, "", q, "delivered after flow active=true");
        c.await(1);
        Channel other = run.channel(conn);
        run.attempt("ch2 channel.flow active=false", () -> other.rpc(flow(false)));
        run.awaitClosed(conn);
    }

    private static void accessRequest(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel ch = run.channel(conn);
        request(run, ch, new AMQP.Access.Request.Builder().realm("/data").build());
        request(run, ch, new AMQP.Access.Request.Builder().realm("/other").exclusive(true).passive(false)
                .active(false).write(false).read(false).build());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        run.publish(ch, "", q, "after access.request");
        run.get(ch, q, true);
    }

    private static void request(ProgramRun run, Channel ch, AMQP.Access.Request request) throws Exception {
        AMQP.Access.RequestOk ok = (AMQP.Access.RequestOk) ch.rpc(request).getMethod();
        run.note(run.label(ch) + " access.request realm=" + Describe.quote(request.getRealm()) + " -> request-ok ticket="
                + ok.getTicket());
    }

    // ---- direct reply-to ----------------------------------------------------------------------

    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    @FunctionalInterface
    private interface ChannelCall {
        void run(Channel channel) throws Exception;
    }

    /**
     * Runs {@code call} on a new channel of {@code connection} and records its outcome; the
     * basic.qos after it is a synchronous call that fails once the channel has been closed.
     */
    private static void provoke(ProgramRun run, Connection connection, String what, ChannelCall call) throws Exception {
        Channel channel = run.channel(connection);
        run.attempt(what, () -> {
            call.run(channel);
            channel.basicQos(0);
        });
    }

    private static AMQP.BasicProperties request(String correlationId) {
        return new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).correlationId(correlationId).build();
    }

    /**
     * Sends a request with reply-to amq.rabbitmq.reply-to on {@code ch} to {@code queue}, takes
     * it back with basic.get on {@code ch} and returns the address it carries, aliased {@code alias}.
     */
    private static String address(ProgramRun run, Channel ch, String queue, String alias) throws Exception {
        ch.basicPublish("", queue, request(alias), ("request for " + alias).getBytes());
        GetResponse request = ch.basicGet(queue, true);
        String address = request.getProps().getReplyTo();
        run.alias(address, "<" + alias + ">");
        run.note(run.label(ch) + " request went out with reply-to "
                + (address.startsWith(REPLY_TO + ".") ? "an address" : Describe.quote(address)));
        return address;
    }

    private static void replyRoundTrip(ProgramRun run) throws Exception {
        Connection clientConn = run.connect();
        Channel client = run.channel(clientConn);
        String q = run.name("requests");
        run.declareQueue(client, q, Map.of());
        RecordingConsumer replies = run.consume(client, REPLY_TO, true);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).correlationId("c-1")
                .contentType("text/plain").headers(Map.of("k", "v")).deliveryMode(2).priority(3).messageId("m-1")
                .build();
        run.confirmSelect(client);
        run.publish(client, "", q, false, properties, "ping");
        run.awaitConfirms(client); // in the queue before the other connection looks

        Connection serverConn = run.connect();
        Channel server = run.channel(serverConn);
        GetResponse got = server.basicGet(q, true);
        String address = got.getProps().getReplyTo();
        run.alias(address, "<address of c1>");
        run.note("ch2 got " + Describe.delivery(got.getEnvelope(), got.getProps(), got.getBody()));
        run.passive(server, address);
        run.confirmSelect(server);
        run.publish(server, "", address, false, new AMQP.BasicProperties.Builder().correlationId("c-1").build(), "pong");
        replies.await(1);
        run.publish(server, "", address, true, new AMQP.BasicProperties.Builder().correlationId("c-2").build(),
                "mandatory pong");
        replies.await(2);
        run.awaitReturns(server, 1);
        run.awaitConfirms(server);
        // the next request of the channel carries the same address
        run.publish(client, "", q, false, request("c-3"), "again");
        run.note("ch1 second request has the same address: "
                + address.equals(client.basicGet(q, true).getProps().getReplyTo()));
        // a reply from the requesting channel itself
        run.publish(client, "", address, "from myself");
        replies.await(3);
        run.cancel(client, replies);
        run.passive(client, q);
    }

    private static void replyRoutes(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel client = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(client, q, Map.of());
        RecordingConsumer replies = run.consume(client, REPLY_TO, true);
        String address = address(run, client, q, "address"); // basic.get takes delivery tag 1

        Channel server = run.channel(run.connect());
        run.confirmSelect(server);
        // the tag of a reply is the channel's next one, not taken: the delivery after it has it too
        run.publish(server, "", address, "r1");
        replies.await(1);
        run.publish(server, "", address, "r2");
        replies.await(2);
        String other = run.name("other");
        run.declareQueue(client, other, Map.of());
        RecordingConsumer plain = run.consume(client, other, true);
        run.publish(server, "", other, "plain delivery");
        plain.await(1);
        run.publish(server, "", address, "r3");
        replies.await(3);
        // only the default exchange knows reply addresses; CC and BCC keys reach them too
        run.publish(server, "amq.direct", address, true, new AMQP.BasicProperties(), "via amq.direct");
        run.awaitReturns(server, 1);
        run.publish(server, "", q, false, new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of(address, address))).build(), "via CC");
        replies.await(4);
        run.publish(server, "", "nowhere", true, new AMQP.BasicProperties.Builder()
                .headers(Map.of("BCC", List.of(address))).build(), "via BCC");
        replies.await(5);
        run.awaitReturns(server, 2);
        run.publish(server, "", address + "x", true, new AMQP.BasicProperties(), "to a mistyped address");
        run.awaitReturns(server, 3);
        // in a transaction the reply goes out at once, the return at commit
        Channel tx = run.channel(run.connect());
        tx.txSelect();
        run.publish(tx, "", address, true, new AMQP.BasicProperties(), "in a transaction");
        replies.await(6);
        tx.txCommit();
        run.awaitReturns(tx, 1);
        run.awaitConfirms(server);
        run.drain(client, q);
    }

    private static void replyQueueMethods(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel setup = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(setup, q, Map.of());
        run.passive(setup, REPLY_TO);
        run.declareQueue(setup, REPLY_TO, true, true, true, Map.of("x-max-length", 1));
        provoke(run, conn, "basic.get '' after declaring the pseudo-queue", ch -> {
            run.declareQueue(ch, REPLY_TO, Map.of());
            run.get(ch, "", true);
        });
        Channel client = run.channel(run.connect());
        RecordingConsumer replies = run.consume(client, REPLY_TO, true);
        String address = address(run, client, q, "live address");
        run.passive(setup, address);
        run.declareQueue(setup, address, Map.of());
        provoke(run, conn, "queue.declare passive of an unknown address", ch -> ch.queueDeclarePassive(REPLY_TO + ".nobody"));
        provoke(run, conn, "queue.declare of an unknown address", ch -> ch.queueDeclare(REPLY_TO + ".nobody", false,
                false, false, null));
        provoke(run, conn, "queue.declare of the bare prefix", ch -> ch.queueDeclarePassive(REPLY_TO + "."));
        provoke(run, conn, "queue.declare of a longer name", ch -> ch.queueDeclare(REPLY_TO + "X", false, false,
                false, null));
        provoke(run, conn, "queue.declare no-wait of the pseudo-queue", ch -> ch.queueDeclareNoWait(REPLY_TO, false,
                false, false, null));
        provoke(run, conn, "basic.get of the pseudo-queue", ch -> ch.basicGet(REPLY_TO, true));
        provoke(run, conn, "basic.get of an address", ch -> ch.basicGet(address, true));
        provoke(run, conn, "basic.consume of an address", ch -> ch.basicConsume(address, true,
                new com.rabbitmq.client.DefaultConsumer(ch)));
        provoke(run, conn, "queue.bind of an address", ch -> ch.queueBind(address, "amq.direct", "k"));
        provoke(run, conn, "queue.purge of the pseudo-queue", ch -> ch.queuePurge(REPLY_TO));
        provoke(run, conn, "queue.delete of the pseudo-queue", ch -> run.deleteQueue(ch, REPLY_TO, false, false));
        provoke(run, conn, "queue.delete of an address", ch -> run.deleteQueue(ch, address, false, false));
        run.cancel(client, replies);
        replies.awaitEnd();
        provoke(run, conn, "queue.declare passive of a cancelled consumer's address",
                ch -> ch.queueDeclarePassive(address));
    }

    private static void replyConsumerErrors(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel setup = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(setup, q, Map.of());
        provoke(run, conn, "basic.consume of the pseudo-queue with acks", ch -> ch.basicConsume(REPLY_TO, false,
                new com.rabbitmq.client.DefaultConsumer(ch)));
        provoke(run, conn, "a second reply consumer", ch -> {
            ch.basicConsume(REPLY_TO, true, new com.rabbitmq.client.DefaultConsumer(ch));
            ch.basicConsume(REPLY_TO, true, new com.rabbitmq.client.DefaultConsumer(ch));
        });
        provoke(run, conn, "a second reply consumer with the same tag", ch -> {
            ch.basicConsume(REPLY_TO, true, "t", new com.rabbitmq.client.DefaultConsumer(ch));
            ch.basicConsume(REPLY_TO, true, "t", new com.rabbitmq.client.DefaultConsumer(ch));
        });
        provoke(run, conn, "reply consumer exclusive, with arguments, no-wait", ch -> {
            ch.basicConsume(REPLY_TO, true, "nw", true, true, Map.of("x-priority", "ignored"),
                    new com.rabbitmq.client.DefaultConsumer(ch));
            address(run, ch, q, "no-wait consumer");
        });
        provoke(run, conn, "a request without a reply consumer", ch -> ch.basicPublish("", q, request("x"), new byte[0]));
        provoke(run, conn, "a request without a reply consumer with another user-id", ch -> ch.basicPublish("", q,
                new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).userId("nobody").build(), new byte[0]));
        provoke(run, conn, "a request without a reply consumer to a missing exchange", ch -> ch.basicPublish(
                run.name("missing"), "k", request("x"), new byte[0]));
        provoke(run, conn, "a request without a reply consumer in a transaction", ch -> {
            ch.txSelect();
            ch.basicPublish("", q, request("x"), new byte[0]);
        });
        provoke(run, conn, "a request with reply-to an address, without a reply consumer", ch -> {
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().replyTo(REPLY_TO + ".anything").build(),
                    new byte[0]);
            run.get(ch, q, true);
        });
        provoke(run, conn, "a request after the reply consumer was cancelled", ch -> {
            ch.basicCancel(ch.basicConsume(REPLY_TO, true, new com.rabbitmq.client.DefaultConsumer(ch)));
            ch.basicPublish("", q, request("x"), new byte[0]);
        });
        provoke(run, conn, "a queue consumer with the reply consumer's tag, then cancel of that tag", ch -> {
            ch.basicConsume(REPLY_TO, true, "shared", new com.rabbitmq.client.DefaultConsumer(ch));
            ch.basicConsume(q, true, "shared", new com.rabbitmq.client.DefaultConsumer(ch));
            ch.basicCancel("shared");
            ch.basicPublish("", q, request("x"), new byte[0]);
        });
        provoke(run, run.connect(), "a reply consumer with a queue consumer's tag", ch -> {
            ch.basicConsume(q, true, "taken", new com.rabbitmq.client.DefaultConsumer(ch));
            ch.basicConsume(REPLY_TO, true, "taken", new com.rabbitmq.client.DefaultConsumer(ch));
        });
    }

    private static void replyToGoneConsumer(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel client = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(client, q, Map.of());
        RecordingConsumer first = run.consume(client, REPLY_TO, true);
        String cancelled = address(run, client, q, "cancelled");
        run.cancel(client, first);
        first.awaitEnd();
        RecordingConsumer second = run.consume(client, REPLY_TO, true);
        String live = address(run, client, q, "live");
        Channel closing = run.channel(conn);
        run.consume(closing, REPLY_TO, true);
        String closed = address(run, closing, q, "closed");
        closing.close();

        Channel server = run.channel(run.connect());
        run.confirmSelect(server);
        run.publish(server, "", cancelled, false, new AMQP.BasicProperties(), "to the cancelled, dropped");
        run.publish(server, "", cancelled, true, new AMQP.BasicProperties(), "to the cancelled, mandatory");
        run.publish(server, "", closed, false, new AMQP.BasicProperties(), "to the closed, dropped");
        run.publish(server, "", closed, true, new AMQP.BasicProperties(), "to the closed, mandatory");
        run.publish(server, "", live, false, new AMQP.BasicProperties(), "to the live consumer");
        second.await(1);
        run.awaitReturns(server, 2);
        run.awaitConfirms(server);
        run.quiet();
        run.note("c1 deliveries " + first.count() + ", c2 deliveries " + second.count());
    }

    private static void replyOwnAddress(ProgramRun run) throws Exception {
        Connection conn = run.connect();
        Channel client = run.channel(conn);
        String q = run.name("q");
        run.declareQueue(client, q, Map.of());
        run.consume(client, REPLY_TO, true);
        String address = address(run, client, q, "own address");
        Channel sibling = run.channel(conn);
        run.passive(sibling, address);
        run.attempt("ch1 queue.declare passive of its own address", () -> client.queueDeclarePassive(address));
        run.awaitClosed(conn);
    }
}
