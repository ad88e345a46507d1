package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.RpcClient;
import com.rabbitmq.client.RpcClientParams;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct reply-to: consuming from the pseudo-queue amq.rabbitmq.reply-to, the rewritten reply-to
 * of requests, replies straight to the consumer, and RabbitMQ 3.10's errors and quirks.
 */
class AmqpDirectReplyToTest extends AmqpTestBase {
    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    private static AMQP.BasicProperties replyTo(String address, String correlationId) {
        return new AMQP.BasicProperties.Builder().replyTo(address).correlationId(correlationId).build();
    }

    /** Publishes a request with reply-to amq.rabbitmq.reply-to to {@code q} and returns the address it carried. */
    private static String requestAddress(Channel ch, String q) throws IOException {
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build(), bytes("request"));
        GetResponse request = ch.basicGet(q, true);
        assertNotNull(request);
        return request.getProps().getReplyTo();
    }

    /**
     * Publishes a request with reply-to amq.rabbitmq.reply-to on {@code ch}, which the broker
     * refuses by closing the channel (asynchronously) with 406.
     */
    private static void assertRequestRefused(Channel ch, String exchange, String q, int code, String text)
            throws Exception {
        ch.basicPublish(exchange, q, replyTo(REPLY_TO, null), bytes("request"));
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, awaitClose(ch));
        assertEquals(code, close.getReplyCode());
        assertEquals(text, close.getReplyText());
        assertEquals(60, close.getClassId());
        assertEquals(40, close.getMethodId());
    }

    private static void assertRequestRefused(Channel ch, String q) throws Exception {
        assertRequestRefused(ch, "", q, 406, "PRECONDITION_FAILED - fast reply consumer does not exist");
    }

    @Test
    void aRequestCarriesTheConsumersAddressAndTheReplyGoesStraightToIt() throws Exception {
        String q = declareQueue("requests", null);
        Inbox replies = new Inbox(channel);
        String tag = channel.basicConsume(REPLY_TO, true, replies);
        AMQP.BasicProperties request = new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).correlationId("c-1")
                .contentType("text/plain").headers(Map.of("k", "v")).priority(3).build();
        channel.confirmSelect();
        channel.basicPublish("", q, request, bytes("ping"));
        channel.waitForConfirmsOrDie(WAIT_MILLIS); // in the queue before another connection looks

        Channel server = connect().createChannel();
        GetResponse got = server.basicGet(q, true);
        AMQP.BasicProperties seen = got.getProps();
        String address = seen.getReplyTo();
        assertTrue(address.startsWith(REPLY_TO + ".") && address.length() > REPLY_TO.length() + 1, address);
        assertEquals("c-1", seen.getCorrelationId());
        assertEquals("text/plain", seen.getContentType());
        assertEquals("v", seen.getHeaders().get("k").toString());
        assertEquals(3, seen.getPriority());
        assertEquals("ping", text(got.getBody()));

        server.basicPublish("", address, replyTo(null, "c-1"), bytes("pong"));
        Inbox.Received reply = replies.next();
        assertEquals(tag, reply.consumerTag());
        assertEquals("pong", reply.text());
        assertEquals("", reply.envelope().getExchange());
        assertEquals(address, reply.envelope().getRoutingKey());
        assertEquals(false, reply.redelivered());
        assertEquals("c-1", reply.properties().getCorrelationId());
        // the same address on the next request of the channel
        assertEquals(address, requestAddress(channel, q));
    }

    @Test
    void theJavaClientsRpcClientWorksWithIt() throws Exception {
        String q = declareQueue("rpc", null);
        Channel server = connect().createChannel();
        server.basicConsume(q, true, new DefaultConsumer(server) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                getChannel().basicPublish("", properties.getReplyTo(), replyTo(null, properties.getCorrelationId()),
                        bytes("echo " + text(body)));
            }
        });
        RpcClient rpc = new RpcClient(new RpcClientParams().channel(channel).exchange("").routingKey(q)
                .timeout((int) WAIT_MILLIS));
        assertEquals("echo one", rpc.stringCall("one"));
        assertEquals("echo two", rpc.stringCall("two"));
        rpc.close();
    }

    @Test
    void thePseudoQueueAndLiveAddressesExistForQueueDeclare() throws Exception {
        AMQP.Queue.DeclareOk pseudo = channel.queueDeclarePassive(REPLY_TO);
        assertEquals(REPLY_TO, pseudo.getQueue());
        assertEquals(0, pseudo.getMessageCount());
        assertEquals(1, pseudo.getConsumerCount());
        assertEquals(1, channel.queueDeclare(REPLY_TO, true, true, true, null).getConsumerCount());

        String q = declareQueue("declare", null);
        Channel client = connect().createChannel();
        String tag = client.basicConsume(REPLY_TO, true, new Inbox(client));
        String address = requestAddress(client, q);
        AMQP.Queue.DeclareOk live = channel.queueDeclarePassive(address);
        assertEquals(address, live.getQueue());
        assertEquals(0, live.getMessageCount());
        assertEquals(1, live.getConsumerCount());
        assertEquals(1, channel.queueDeclare(address, false, false, false, null).getConsumerCount());

        client.basicCancel(tag);
        assertChannelError(404, "NOT_FOUND - no queue '" + address + "' in vhost '/'",
                () -> connection.createChannel().queueDeclarePassive(address));
        for (String other : List.of(REPLY_TO + ".nobody", REPLY_TO + ".", REPLY_TO + "X")) {
            assertChannelError(404, "NOT_FOUND - no queue '" + other + "' in vhost '/'",
                    () -> connection.createChannel().queueDeclare(other, false, false, false, null));
        }
    }

    @Test
    void aChannelAskingAfterItsOwnAddressClosesTheConnectionWith541() throws Exception {
        String q = declareQueue("own-address", null);
        channel.basicConsume(REPLY_TO, true, new Inbox(channel));
        String address = requestAddress(channel, q);
        var e = brokerClosed(() -> channel.queueDeclarePassive(address));
        assertConnectionClosed(e, 541, "INTERNAL_ERROR");
        AMQP.Connection.Close close = (AMQP.Connection.Close) e.getReason();
        assertEquals(0, close.getClassId());
        assertEquals(0, close.getMethodId());
    }

    @Test
    void theReplyConsumerMustNotAcknowledgeAndThereIsOnePerChannel() throws Exception {
        String q = declareQueue("per-channel", null);
        assertChannelError(406, "PRECONDITION_FAILED - reply consumer cannot acknowledge",
                () -> channel.basicConsume(REPLY_TO, false, new Inbox(channel)));
        Channel twice = connection.createChannel();
        twice.basicConsume(REPLY_TO, true, "mine", false, true, Map.of("x-priority", "ignored"), new Inbox(twice));
        assertChannelError(406, "PRECONDITION_FAILED - reply consumer already set",
                () -> twice.basicConsume(REPLY_TO, true, new Inbox(twice)));
        // each channel has its own
        Channel a = connection.createChannel();
        Channel b = connection.createChannel();
        a.basicConsume(REPLY_TO, true, new Inbox(a));
        b.basicConsume(REPLY_TO, true, new Inbox(b));
        assertNotEquals(requestAddress(a, q), requestAddress(b, q));
    }

    @Test
    void aQueueConsumersTagClashesButTheReplyConsumersDoesNot() throws Exception {
        String q = declareQueue("tags", null);
        Channel first = connection.createChannel();
        first.basicConsume(REPLY_TO, true, "t", new Inbox(first));
        first.basicConsume(q, true, "t", new Inbox(first)); // allowed, as in RabbitMQ
        first.basicCancel("t"); // cancels the reply consumer
        assertRequestRefused(first, q);
        channel.basicConsume(q, true, "u", new Inbox(channel));
        var e = brokerClosed(() -> channel.basicConsume(REPLY_TO, true, "u", new Inbox(channel)));
        assertConnectionClosed(e, 530, "NOT_ALLOWED - attempt to reuse consumer tag 'u'");
    }

    @Test
    void aRequestWithoutAReplyConsumerIs406() throws Exception {
        String q = declareQueue("no-consumer", null);
        assertRequestRefused(channel, q);
        // only the pseudo-queue's own name is rewritten
        Channel ch = connection.createChannel();
        ch.basicPublish("", q, replyTo(REPLY_TO + ".anything", null), bytes("x"));
        assertEquals(REPLY_TO + ".anything", ch.basicGet(q, true).getProps().getReplyTo());
        // the exchange is checked first
        Channel missing = connection.createChannel();
        assertRequestRefused(missing, "nope", "k", 404, "NOT_FOUND - no exchange 'nope' in vhost '/'");
        Channel cancelled = connection.createChannel();
        cancelled.basicCancel(cancelled.basicConsume(REPLY_TO, true, new Inbox(cancelled)));
        assertRequestRefused(cancelled, q);
    }

    @Test
    void aMandatoryReplyIsDeliveredAndStillReturnedAsRabbitMq310Does() throws Exception {
        String q = declareQueue("mandatory", null);
        Inbox replies = new Inbox(channel);
        channel.basicConsume(REPLY_TO, true, replies);
        String address = requestAddress(channel, q);
        Channel server = connect().createChannel();
        BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
        server.addReturnListener(returns::add);
        server.confirmSelect();
        server.basicPublish("", address, true, replyTo(null, "m"), bytes("mandatory reply"));
        server.waitForConfirmsOrDie(WAIT_MILLIS);
        assertEquals("mandatory reply", replies.next().text());
        Return returned = returns.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(returned);
        assertEquals(312, returned.getReplyCode());
        assertEquals("NO_ROUTE", returned.getReplyText());
        assertEquals(address, returned.getRoutingKey());
    }

    @Test
    void repliesToAGoneConsumerAreDroppedOrReturnedWhenMandatory() throws Exception {
        String q = declareQueue("gone", null);
        Inbox old = new Inbox(channel);
        String tag = channel.basicConsume(REPLY_TO, true, old);
        String oldAddress = requestAddress(channel, q);
        channel.basicCancel(tag);
        Inbox replies = new Inbox(channel);
        channel.basicConsume(REPLY_TO, true, replies);
        String address = requestAddress(channel, q);
        assertNotEquals(oldAddress, address);

        Channel server = connect().createChannel();
        BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
        server.addReturnListener(returns::add);
        server.confirmSelect();
        server.basicPublish("", oldAddress, false, null, bytes("dropped"));
        server.basicPublish("", oldAddress, true, null, bytes("returned"));
        server.basicPublish("", address, false, null, bytes("delivered"));
        server.waitForConfirmsOrDie(WAIT_MILLIS);
        Return returned = returns.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(returned);
        assertEquals("returned", text(returned.getBody()));
        assertEquals(oldAddress, returned.getRoutingKey());
        // the replies of one publisher arrive in order: nothing came before the last one
        assertEquals("delivered", replies.next().text());
        assertEquals(0, replies.waiting());
        assertEquals(0, old.waiting());
    }

    @Test
    void replyAddressesWorkOnlyThroughTheDefaultExchangeButAlsoAsCcKeys() throws Exception {
        String q = declareQueue("cc", null);
        Inbox replies = new Inbox(channel);
        channel.basicConsume(REPLY_TO, true, replies);
        String address = requestAddress(channel, q);
        Channel server = connect().createChannel();
        BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
        server.addReturnListener(returns::add);
        server.basicPublish("amq.direct", address, true, null, bytes("via amq.direct"));
        assertEquals("via amq.direct", text(returns.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS).getBody()));
        server.basicPublish("", q, new AMQP.BasicProperties.Builder().headers(Map.of("CC", List.of(address, address)))
                .build(), bytes("via CC"));
        Inbox.Received reply = replies.next();
        assertEquals("via CC", reply.text());
        assertEquals(q, reply.envelope().getRoutingKey());
        assertEquals("via CC", get(server, q));
        server.basicPublish("", "nowhere", new AMQP.BasicProperties.Builder().headers(Map.of("BCC", List.of(address)))
                .build(), bytes("via BCC"));
        reply = replies.next();
        assertEquals("via BCC", reply.text());
        assertEquals(null, reply.properties().getHeaders().get("BCC"));
        assertEquals(0, replies.waiting());
    }

    @Test
    void aReplyCarriesTheNextDeliveryTagWithoutTakingIt() throws Exception {
        String q = declareQueue("tags-quirk", null);
        Inbox replies = new Inbox(channel);
        channel.basicConsume(REPLY_TO, true, replies);
        String address = requestAddress(channel, q); // get-ok takes tag 1
        Inbox deliveries = new Inbox(channel);
        channel.basicConsume(q, true, deliveries);
        Channel server = connect().createChannel();
        server.basicPublish("", address, null, bytes("r1"));
        assertEquals(2, replies.next().tag());
        server.basicPublish("", address, null, bytes("r2"));
        assertEquals(2, replies.next().tag());
        server.basicPublish("", q, null, bytes("d1"));
        assertEquals(2, deliveries.next().tag());
        server.basicPublish("", address, null, bytes("r3"));
        assertEquals(3, replies.next().tag());
    }
}
