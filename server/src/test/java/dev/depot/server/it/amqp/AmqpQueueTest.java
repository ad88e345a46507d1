package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** queue.declare, bind, purge and delete; exclusive and auto-delete queues. */
class AmqpQueueTest extends AmqpTestBase {
    private static final String LOCKED = "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '%s' in "
            + "vhost '/'. It could be originally declared on another connection or the exclusive property value "
            + "does not match that of the original declaration.";

    @Test
    void aServerNamedQueueIsExclusiveToItsConnection() throws Exception {
        AMQP.Queue.DeclareOk ok = channel.queueDeclare();
        assertTrue(ok.getQueue().startsWith("amq.gen-"), ok.getQueue());
        assertEquals(0, ok.getMessageCount());
        assertEquals(0, ok.getConsumerCount());
        Channel other = connect().createChannel();
        assertChannelError(405, String.format(LOCKED, ok.getQueue()), () -> other.queueDeclarePassive(ok.getQueue()));
    }

    @Test
    void passiveDeclareOfAMissingQueueIs404() {
        String q = queue("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + q + "' in vhost '/'", () -> channel.queueDeclarePassive(q));
    }

    @Test
    void anEmptyNameMeansTheLastDeclaredQueueExceptInAPassiveDeclare() throws Exception {
        String q = channel.queueDeclare().getQueue();
        channel.basicPublish("", q, null, bytes("by name"));
        channel.queueBind("", "amq.direct", "by-key"); // "" is q
        channel.basicPublish("amq.direct", "by-key", null, bytes("through the binding"));
        assertEquals(2, channel.queuePurge("").getMessageCount());
        assertChannelError(404, "NOT_FOUND - no queue '' in vhost '/'", () -> channel.queueDeclarePassive(""));
    }

    @Test
    void declareOkCountsReadyMessagesAndConsumers() throws Exception {
        String q = declareQueue("counted", null);
        publish(channel, q, "a", "b", "c");
        Channel consuming = connection.createChannel();
        consuming.basicQos(1);
        Inbox inbox = new Inbox(consuming);
        consuming.basicConsume(q, false, inbox);
        inbox.next(); // one unacknowledged: it no longer counts as ready
        AMQP.Queue.DeclareOk ok = channel.queueDeclare(q, false, false, false, null);
        assertEquals(2, ok.getMessageCount());
        assertEquals(1, ok.getConsumerCount());
        assertEquals(2, channel.queueDeclarePassive(q).getMessageCount());
    }

    @Test
    void redeclaringWithOtherPropertiesIs406() throws Exception {
        String q = declareQueue("props", null);
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for queue '" + q
                + "' in vhost '/': received 'true' but current is 'false'",
                () -> channel.queueDeclare(q, true, false, false, null));
        Channel ch = connection.createChannel();
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '" + q
                + "' in vhost '/': received the value '200' of type 'signedint' but current is none",
                () -> ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 200)));
    }

    @Test
    void namesInAmqAreReserved() {
        assertChannelError(403, "ACCESS_REFUSED - queue name 'amq.mine' contains reserved prefix 'amq.*'",
                () -> channel.queueDeclare("amq.mine", false, false, false, null));
    }

    @Test
    void anExclusiveQueueRefusesOtherConnectionsAndGoesWithItsOwner() throws Exception {
        Connection owner = connect();
        Channel ownerChannel = owner.createChannel();
        String q = queue("exclusive");
        ownerChannel.queueDeclare(q, false, true, false, null);
        String locked = String.format(LOCKED, q);
        assertChannelError(405, locked, () -> channel.queueDeclare(q, false, true, false, null));
        Channel c2 = connection.createChannel();
        assertChannelError(405, locked, () -> c2.basicConsume(q, true, new Inbox(c2)));
        Channel c3 = connection.createChannel();
        assertChannelError(405, locked, () -> c3.queueDelete(q));
        Channel c4 = connection.createChannel();
        assertChannelError(405, locked, () -> c4.queuePurge(q));
        Channel c5 = connection.createChannel();
        assertChannelError(405, locked, () -> c5.basicGet(q, true));
        ownerChannel.basicPublish("", q, null, bytes("mine"));
        assertEquals("mine", get(ownerChannel, q));
        owner.close();
        Channel c6 = connection.createChannel();
        assertChannelError(404, null, () -> c6.queueDeclarePassive(q));
    }

    @Test
    void anAutoDeleteQueueGoesWithItsLastConsumer() throws Exception {
        String q = queue("auto");
        channel.queueDeclare(q, false, false, true, null);
        channel.queueDeclarePassive(q); // never consumed: it stays
        Inbox first = new Inbox(channel);
        Inbox second = new Inbox(channel);
        String tag1 = channel.basicConsume(q, true, first);
        String tag2 = channel.basicConsume(q, true, second);
        channel.basicCancel(tag1);
        assertEquals(1, channel.queueDeclarePassive(q).getConsumerCount()); // one left: still there
        channel.basicCancel(tag2);
        pollUntil(Duration.ofSeconds(5), "auto-delete queue " + q + " deleted", () -> !exists(q));
    }

    private boolean exists(String q) {
        try {
            Channel ch = connection.createChannel();
            ch.queueDeclarePassive(q);
            ch.close();
            return true;
        } catch (Exception notFound) {
            return false;
        }
    }

    @Test
    void purgeDropsReadyMessagesOnly() throws Exception {
        String q = declareQueue("purged", null);
        publish(channel, q, "a", "b", "c", "d");
        var unacked = channel.basicGet(q, false);
        assertEquals(3, channel.queuePurge(q).getMessageCount());
        assertNull(get(channel, q));
        channel.basicReject(unacked.getEnvelope().getDeliveryTag(), true);
        assertEquals("a", get(channel, q)); // the unacknowledged one survived the purge
    }

    @Test
    void deleteIfUnusedAndIfEmpty() throws Exception {
        String q = declareQueue("guarded", null);
        publish(channel, q, "a", "b");
        Channel consuming = connection.createChannel();
        consuming.basicQos(1);
        consuming.basicConsume(q, false, new Inbox(consuming));
        Channel ch = connection.createChannel();
        assertChannelError(406, "PRECONDITION_FAILED - queue '" + q + "' in vhost '/' in use",
                () -> ch.queueDelete(q, true, false));
        Channel ch2 = connection.createChannel();
        assertChannelError(406, "PRECONDITION_FAILED - queue '" + q + "' in vhost '/' not empty",
                () -> ch2.queueDelete(q, false, true));
        consuming.close(); // the unacknowledged message goes back: 2 ready
        assertEquals(2, channel.queueDelete(q).getMessageCount());
        assertEquals(0, channel.queueDelete(q).getMessageCount()); // gone already: fine
    }

    @Test
    void deletingAQueueCancelsItsConsumers() throws Exception {
        String q = declareQueue("cancelled", null);
        Inbox inbox = new Inbox(channel);
        String tag = channel.basicConsume(q, true, inbox);
        connection.createChannel().queueDelete(q);
        assertEquals(tag, inbox.cancelledByBroker.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(channel.isOpen());
    }

    @Test
    void unbindStopsRouting() throws Exception {
        String q = declareQueue("unbound", null);
        channel.queueBind(q, "amq.direct", "k");
        channel.basicPublish("amq.direct", "k", null, bytes("one"));
        channel.queueUnbind(q, "amq.direct", "k");
        channel.queueUnbind(q, "amq.direct", "never-bound"); // nothing to unbind: fine
        channel.basicPublish("amq.direct", "k", null, bytes("two"));
        assertEquals("one", get(channel, q));
        assertNull(get(channel, q));
    }
}
