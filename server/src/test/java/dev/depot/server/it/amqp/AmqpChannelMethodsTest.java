package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** channel.flow, which RabbitMQ 3.10 only half supports, and 0-8's access.request, which it still answers. */
class AmqpChannelMethodsTest extends AmqpTestBase {
    @Test
    void flowActiveIsAnsweredAndChangesNothing() throws Exception {
        String q = declareQueue("flow-on", null);
        var ok = assertInstanceOf(AMQP.Channel.FlowOk.class,
                channel.rpc(new AMQP.Channel.Flow.Builder().active(true).build()).getMethod());
        assertEquals(true, ok.getActive());
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, true, inbox);
        publish(channel, q, "still delivered");
        assertEquals(List.of("still delivered"), inbox.texts(1));
    }

    @Test
    void flowInactiveClosesTheConnectionWithNotImplemented() throws Exception {
        var e = brokerClosed(() -> channel.rpc(new AMQP.Channel.Flow.Builder().active(false).build()));
        assertConnectionClosed(e, 540, "NOT_IMPLEMENTED - active=false");
        AMQP.Connection.Close close = (AMQP.Connection.Close) e.getReason();
        assertEquals(20, close.getClassId());
        assertEquals(20, close.getMethodId());
    }

    @Test
    void accessRequestGetsTicketOneWhateverItAsks() throws Exception {
        var plain = assertInstanceOf(AMQP.Access.RequestOk.class,
                channel.rpc(new AMQP.Access.Request.Builder().realm("/data").build()).getMethod());
        assertEquals(1, plain.getTicket());
        var odd = assertInstanceOf(AMQP.Access.RequestOk.class, channel.rpc(new AMQP.Access.Request.Builder()
                .realm("anything").exclusive(true).passive(false).active(false).write(false).read(false).build())
                .getMethod());
        assertEquals(1, odd.getTicket());
        String q = declareQueue("after-access-request", null);
        publish(channel, q, "the channel still works");
        assertEquals("the channel still works", get(channel, q));
    }
}
