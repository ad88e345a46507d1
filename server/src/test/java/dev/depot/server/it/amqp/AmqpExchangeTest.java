package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exchange.declare, delete, bind and unbind, and the special exchanges. */
class AmqpExchangeTest extends AmqpTestBase {
    @Test
    void declarePassiveAndRedeclare() throws Exception {
        String x = exchange("plain");
        channel.exchangeDeclare(x, BuiltinExchangeType.DIRECT);
        channel.exchangeDeclarePassive(x);
        channel.exchangeDeclare(x, BuiltinExchangeType.DIRECT); // the same again: fine
        channel.exchangeDeclarePassive("amq.topic");
        channel.exchangeDeclare("amq.direct", BuiltinExchangeType.DIRECT, true); // predeclared, same settings
    }

    @Test
    void passiveDeclareOfAMissingExchangeIs404() {
        String x = exchange("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + x + "' in vhost '/'",
                () -> channel.exchangeDeclarePassive(x));
    }

    @Test
    void redeclaringWithAnotherTypeOrDurabilityIs406() throws Exception {
        String x = exchange("typed");
        channel.exchangeDeclare(x, BuiltinExchangeType.DIRECT);
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + x
                + "' in vhost '/': received 'fanout' but current is 'direct'",
                () -> channel.exchangeDeclare(x, BuiltinExchangeType.FANOUT));
        Channel ch = connection.createChannel();
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for exchange '" + x
                + "' in vhost '/': received 'true' but current is 'false'",
                () -> ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, true));
    }

    @Test
    void anUnknownTypeIsAConnectionError503() {
        String x = exchange("weird");
        ShutdownSignalException e = brokerClosed(() -> channel.exchangeDeclare(x, "no-such-type"));
        assertConnectionClosed(e, 503, "COMMAND_INVALID - unknown exchange type 'no-such-type'");
    }

    @Test
    void theDefaultExchangeCannotBeDeclaredOrDeleted() throws Exception {
        assertChannelError(403, "ACCESS_REFUSED - operation not permitted on the default exchange",
                () -> channel.exchangeDeclare("", BuiltinExchangeType.DIRECT));
        Channel ch = connection.createChannel();
        assertChannelError(403, "ACCESS_REFUSED - operation not permitted on the default exchange",
                () -> ch.exchangeDelete(""));
    }

    @Test
    void newNamesInAmqAreRefusedWith403() {
        assertChannelError(403, "ACCESS_REFUSED - exchange name 'amq.mine' contains reserved prefix 'amq.*'",
                () -> channel.exchangeDeclare("amq.mine", BuiltinExchangeType.DIRECT));
    }

    @Test
    void deleteIfUnusedRefusesAnExchangeWithBindings() throws Exception {
        String x = exchange("used");
        String q = declareQueue("bound", null);
        channel.exchangeDeclare(x, BuiltinExchangeType.FANOUT);
        channel.queueBind(q, x, "");
        assertChannelError(406, "PRECONDITION_FAILED - exchange '" + x + "' in vhost '/' in use",
                () -> channel.exchangeDelete(x, true));
        Channel ch = connection.createChannel();
        ch.queueUnbind(q, x, "");
        ch.exchangeDelete(x, true);
        ch.exchangeDelete(x); // deleting what is gone is fine
        assertChannelError(404, null, () -> ch.exchangeDeclarePassive(x));
    }

    @Test
    void exchangeToExchangeBindingsRouteThrough() throws Exception {
        String front = exchange("front");
        String back = exchange("back");
        String q = declareQueue("end", null);
        channel.exchangeDeclare(front, BuiltinExchangeType.TOPIC);
        channel.exchangeDeclare(back, BuiltinExchangeType.DIRECT);
        channel.exchangeBind(back, front, "orders.*");
        channel.queueBind(q, back, "orders.new");
        channel.basicPublish(front, "orders.new", null, bytes("one"));
        channel.basicPublish(front, "orders.old", null, bytes("not for q"));
        channel.basicPublish(front, "stock.new", null, bytes("not through"));
        assertEquals("one", get(channel, q));
        assertNull(get(channel, q));
        channel.exchangeUnbind(back, front, "orders.*");
        channel.basicPublish(front, "orders.new", null, bytes("two"));
        assertNull(get(channel, q));
    }

    @Test
    void anAlternateExchangeTakesWhatTheExchangeCannotRoute() throws Exception {
        String alternate = exchange("alternate");
        String main = exchange("main");
        String routed = declareQueue("routed", null);
        String unrouted = declareQueue("unrouted", null);
        channel.exchangeDeclare(alternate, BuiltinExchangeType.FANOUT);
        channel.queueBind(unrouted, alternate, "");
        channel.exchangeDeclare(main, BuiltinExchangeType.DIRECT, false, false,
                Map.of("alternate-exchange", alternate));
        channel.queueBind(routed, main, "known");
        CompletableFuture<Integer> returned = new CompletableFuture<>();
        channel.addReturnListener(r -> returned.complete(r.getReplyCode()));
        channel.basicPublish(main, "known", true, null, bytes("to routed"));
        channel.basicPublish(main, "unknown", true, null, bytes("to alternate"));
        assertEquals("to routed", get(channel, routed));
        assertEquals("to alternate", get(channel, unrouted));
        assertFalse(returned.isDone(), "a message the alternate exchange routed is not returned");
    }

    @Test
    void anInternalExchangeTakesMessagesOnlyFromOtherExchanges() throws Exception {
        String internal = exchange("internal");
        String front = exchange("front");
        String q = declareQueue("behind-internal", null);
        channel.exchangeDeclare(internal, BuiltinExchangeType.FANOUT, false, false, true, null);
        channel.exchangeDeclare(front, BuiltinExchangeType.FANOUT);
        channel.exchangeBind(internal, front, "");
        channel.queueBind(q, internal, "");
        channel.basicPublish(front, "", null, bytes("through"));
        assertEquals("through", get(channel, q));
        channel.basicPublish(internal, "", null, bytes("direct"));
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, awaitClose(channel));
        assertEquals(403, close.getReplyCode());
        assertEquals("ACCESS_REFUSED - cannot publish to internal exchange '" + internal + "' in vhost '/'",
                close.getReplyText());
    }

    @Test
    void anAutoDeleteExchangeGoesWithItsLastBinding() throws Exception {
        String x = exchange("auto");
        String q = declareQueue("auto-bound", null);
        channel.exchangeDeclare(x, BuiltinExchangeType.FANOUT, false, true, null);
        channel.queueBind(q, x, "");
        channel.exchangeDeclarePassive(x);
        channel.queueUnbind(q, x, "");
        assertChannelError(404, null, () -> channel.exchangeDeclarePassive(x));
    }

    @Test
    void publishingToAMissingExchangeClosesTheChannelWith404() throws Exception {
        String x = exchange("nowhere");
        channel.basicPublish(x, "k", null, bytes("lost"));
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class,
                awaitClose(channel));
        assertEquals(404, close.getReplyCode());
        assertEquals("NOT_FOUND - no exchange '" + x + "' in vhost '/'", close.getReplyText());
        assertTrue(connection.isOpen());
    }

    @Test
    void bindingToMissingEndsIs404() throws Exception {
        String x = exchange("bind-missing");
        String q = declareQueue("bind-missing", null);
        assertChannelError(404, "NOT_FOUND - no exchange '" + x + "' in vhost '/'",
                () -> channel.queueBind(q, x, "k"));
        Channel ch = connection.createChannel();
        String missing = queue("nope");
        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'",
                () -> ch.queueBind(missing, "amq.direct", "k"));
        Channel ch2 = connection.createChannel();
        assertChannelError(403, "ACCESS_REFUSED - operation not permitted on the default exchange",
                () -> ch2.queueBind(q, "", "k"));
    }
}
