package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acknowledgements, requeueing, recovery and prefetch. */
class AmqpAckTest extends AmqpTestBase {
    private List<GetResponse> getAll(Channel ch, String q, int n) throws Exception {
        List<GetResponse> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(ch.basicGet(q, false));
        }
        return got;
    }

    @Test
    void requeuedMessagesReturnToTheirOriginalPlaceMarkedRedelivered() throws Exception {
        String q = declareQueue("requeue", null);
        publish(channel, q, "m0", "m1", "m2", "m3", "m4");
        List<GetResponse> got = getAll(channel, q, 3);
        // nack multiple up to m1, then reject m2: all three go back before m3
        channel.basicNack(got.get(1).getEnvelope().getDeliveryTag(), true, true);
        channel.basicReject(got.get(2).getEnvelope().getDeliveryTag(), true);
        List<String> order = new ArrayList<>();
        List<Boolean> redelivered = new ArrayList<>();
        GetResponse r;
        while ((r = channel.basicGet(q, true)) != null) {
            order.add(text(r.getBody()));
            redelivered.add(r.getEnvelope().isRedeliver());
        }
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), order);
        assertEquals(List.of(true, true, true, false, false), redelivered);
    }

    @Test
    void ackMultipleSettlesEverythingUpToTheTag() throws Exception {
        String q = declareQueue("ack-multiple", null);
        publish(channel, q, "m0", "m1", "m2", "m3");
        List<GetResponse> got = getAll(channel, q, 4);
        channel.basicAck(got.get(2).getEnvelope().getDeliveryTag(), true);
        channel.basicRecover(true); // only m3 was left unacknowledged
        GetResponse back = channel.basicGet(q, true);
        assertEquals("m3", text(back.getBody()));
        assertTrue(back.getEnvelope().isRedeliver());
        assertNull(channel.basicGet(q, true));
    }

    @Test
    void rejectAndNackWithoutRequeueDropTheMessage() throws Exception {
        String q = declareQueue("dropped", null);
        publish(channel, q, "m0", "m1", "m2");
        List<GetResponse> got = getAll(channel, q, 3);
        channel.basicReject(got.get(0).getEnvelope().getDeliveryTag(), false);
        channel.basicNack(got.get(2).getEnvelope().getDeliveryTag(), true, false);
        channel.basicRecover(true);
        assertNull(channel.basicGet(q, true));
    }

    @Test
    void anUnknownDeliveryTagIs406() throws Exception {
        String q = declareQueue("unknown-tag", null);
        publish(channel, q, "m0");
        GetResponse r = channel.basicGet(q, false);
        channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
        channel.basicAck(r.getEnvelope().getDeliveryTag(), false); // twice
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, awaitClose(channel));
        assertEquals(406, close.getReplyCode());
        assertEquals("PRECONDITION_FAILED - unknown delivery tag 1", close.getReplyText());
        Channel ch = connection.createChannel();
        ch.basicAck(99, false);
        close = assertInstanceOf(AMQP.Channel.Close.class, awaitClose(ch));
        assertEquals("PRECONDITION_FAILED - unknown delivery tag 99", close.getReplyText());
    }

    @Test
    void recoverRedeliversWhatIsUnacknowledged() throws Exception {
        String q = declareQueue("recover", null);
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, false, inbox);
        publish(channel, q, "m0", "m1");
        List<Inbox.Received> first = inbox.next(2);
        assertFalse(first.get(0).redelivered());
        channel.basicRecover(true);
        List<Inbox.Received> again = inbox.next(2);
        assertEquals(List.of("m0", "m1"), again.stream().map(Inbox.Received::text).toList());
        assertTrue(again.get(0).redelivered());
        assertTrue(again.get(1).redelivered());
        assertEquals(3, again.get(0).tag()); // new tags; the old ones are void
        inbox.ack(again.get(1));
        channel.basicAck(again.get(0).tag(), false);
        assertEquals(0, ready(channel, q));
    }

    @Test
    void recoverWithoutRequeueIsNotImplemented540() throws Exception {
        String q = declareQueue("recover-in-place", null);
        publish(channel, q, "m0");
        channel.basicGet(q, false);
        assertConnectionClosed(brokerClosed(() -> channel.basicRecover(false)), 540,
                "NOT_IMPLEMENTED - requeue=false");
    }

    @Test
    void prefetchPerConsumerBoundsUnacknowledgedDeliveries() throws Exception {
        String q = declareQueue("prefetch", null);
        publish(channel, q, "m0", "m1", "m2", "m3", "m4");
        channel.basicQos(2);
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, false, inbox);
        List<Inbox.Received> two = inbox.next(2);
        assertEquals(3, ready(channel, q));
        inbox.ack(two.get(0));
        assertEquals("m2", inbox.next().text());
        assertEquals(2, ready(channel, q));
    }

    @Test
    void globalPrefetchIsSharedByTheChannelsConsumers() throws Exception {
        String q1 = declareQueue("global1", null);
        String q2 = declareQueue("global2", null);
        publish(channel, q1, "a0", "a1", "a2");
        publish(channel, q2, "b0", "b1", "b2");
        Channel ch = connection.createChannel();
        ch.basicQos(3, true);
        Inbox a = new Inbox(ch);
        Inbox b = new Inbox(ch);
        ch.basicConsume(q1, false, a);
        ch.basicConsume(q2, false, b);
        List<Inbox.Received> fromA = a.next(3); // q1's consumer came first and took the whole window
        assertEquals(3, ready(channel, q2));
        ch.basicAck(fromA.get(2).tag(), true);
        assertEquals(List.of("b0", "b1", "b2"), b.texts(3));
    }

    @Test
    void basicGetTakesNoPrefetchCredit() throws Exception {
        String q = declareQueue("get-and-prefetch", null);
        publish(channel, q, "m0", "m1", "m2", "m3");
        channel.basicQos(2, true);
        GetResponse m0 = channel.basicGet(q, false);
        channel.basicGet(q, false);
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, false, inbox);
        assertEquals(List.of("m2", "m3"), inbox.texts(2)); // the two unacknowledged gets did not count
        channel.basicAck(m0.getEnvelope().getDeliveryTag(), false);
        assertEquals(0, ready(channel, q));
    }

    @Test
    void closingAChannelRequeuesItsUnacknowledgedMessagesInOrder() throws Exception {
        String q = declareQueue("channel-dies", null);
        publish(channel, q, "m0", "m1", "m2");
        Channel dying = connection.createChannel();
        dying.basicQos(2);
        Inbox first = new Inbox(dying);
        dying.basicConsume(q, false, first);
        assertEquals(List.of("m0", "m1"), first.texts(2));
        dying.close();
        Inbox second = new Inbox(channel);
        channel.basicConsume(q, false, second);
        List<Inbox.Received> got = second.next(3);
        assertEquals(List.of("m0", "m1", "m2"), got.stream().map(Inbox.Received::text).toList());
        assertEquals(List.of(true, true, false), got.stream().map(Inbox.Received::redelivered).toList());
    }

    @Test
    void aDroppedConnectionRequeuesItsUnacknowledgedMessages() throws Exception {
        String q = declareQueue("connection-dies", null);
        publish(channel, q, "m0", "m1");
        AtomicReference<Socket> socket = new AtomicReference<>();
        ConnectionFactory factory = daemon.factory();
        factory.setSocketConfigurator(socket::set);
        Connection dying = connect(factory);
        Channel ch = dying.createChannel();
        Inbox first = new Inbox(ch);
        ch.basicConsume(q, false, first);
        assertEquals(List.of("m0", "m1"), first.texts(2));
        socket.get().close(); // no connection.close: the TCP connection just ends
        Inbox second = new Inbox(channel);
        channel.basicConsume(q, false, second);
        List<Inbox.Received> got = second.next(2);
        assertEquals(List.of("m0", "m1"), got.stream().map(Inbox.Received::text).toList());
        assertTrue(got.get(0).redelivered());
    }
}
