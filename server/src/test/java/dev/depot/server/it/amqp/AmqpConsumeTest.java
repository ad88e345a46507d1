package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** basic.consume, cancel and get. */
class AmqpConsumeTest extends AmqpTestBase {
    @Test
    void consumersOfAQueueTakeTurns() throws Exception {
        String q = declareQueue("turns", null);
        Inbox a = new Inbox(channel);
        Inbox b = new Inbox(channel);
        Inbox c = new Inbox(channel);
        channel.basicConsume(q, true, a);
        channel.basicConsume(q, true, b);
        channel.basicConsume(q, true, c);
        publish(channel, q, "m0", "m1", "m2", "m3", "m4", "m5");
        assertEquals(List.of("m0", "m3"), a.texts(2));
        assertEquals(List.of("m1", "m4"), b.texts(2));
        assertEquals(List.of("m2", "m5"), c.texts(2));
    }

    @Test
    void higherPriorityConsumersAreServedWhileTheyHaveCredit() throws Exception {
        String q = declareQueue("priorities", null);
        channel.basicQos(2);
        Inbox low = new Inbox(channel);
        Inbox high = new Inbox(channel);
        channel.basicConsume(q, false, "", false, false, Map.of("x-priority", 1), low);
        channel.basicConsume(q, false, "", false, false, Map.of("x-priority", 10), high);
        publish(channel, q, "m0", "m1", "m2", "m3", "m4");
        assertEquals(List.of("m0", "m1"), high.texts(2));
        assertEquals(List.of("m2", "m3"), low.texts(2));
        assertEquals(1, ready(channel, q));
    }

    @Test
    void anExclusiveConsumerShutsOthersOut() throws Exception {
        String q = declareQueue("exclusive-consumer", null);
        channel.basicConsume(q, true, "", false, true, null, new Inbox(channel));
        Channel other = connection.createChannel();
        assertChannelError(403, "ACCESS_REFUSED - queue '" + q + "' in vhost '/' in exclusive use",
                () -> other.basicConsume(q, true, new Inbox(other)));
        String q2 = declareQueue("shared-consumer", null);
        channel.basicConsume(q2, true, new Inbox(channel));
        Channel third = connection.createChannel();
        assertChannelError(403, "ACCESS_REFUSED - queue '" + q2 + "' in vhost '/' in exclusive use",
                () -> third.basicConsume(q2, true, "", false, true, null, new Inbox(third)));
    }

    @Test
    void consumerTagsAreGeneratedOrKeptAndUniquePerChannel() throws Exception {
        String q = declareQueue("tags", null);
        Inbox generated = new Inbox(channel);
        String tag = channel.basicConsume(q, true, generated);
        assertTrue(tag.startsWith("amq.ctag-"), tag);
        assertEquals(tag, generated.consumeOk.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertEquals("mine", channel.basicConsume(q, true, "mine", new Inbox(channel)));
        var e = brokerClosed(() -> channel.basicConsume(q, true, "mine", new Inbox(channel)));
        assertConnectionClosed(e, 530, "NOT_ALLOWED - attempt to reuse consumer tag 'mine'");
    }

    @Test
    void aCancelledConsumerGetsNothingMore() throws Exception {
        String q = declareQueue("cancel", null);
        Inbox inbox = new Inbox(channel);
        String tag = channel.basicConsume(q, true, inbox);
        publish(channel, q, "before");
        assertEquals("before", inbox.next().text());
        channel.basicCancel(tag);
        assertEquals(tag, inbox.cancelOk.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        publish(channel, q, "after");
        assertEquals("after", get(channel, q));
        assertEquals(0, inbox.waiting());
        assertFalse(inbox.cancelledByBroker.isDone());
    }

    @Test
    void theBrokerCancelsConsumersOfADeletedQueue() throws Exception {
        String q = declareQueue("deleted-under", null);
        Inbox inbox = new Inbox(channel);
        String tag = channel.basicConsume(q, false, inbox);
        connection.createChannel().queueDelete(q);
        assertEquals(tag, inbox.cancelledByBroker.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        String other = declareQueue("after-cancel", null);
        publish(channel, other, "channel still works");
        assertEquals("channel still works", get(channel, other));
    }

    @Test
    void basicGetAndGetEmpty() throws Exception {
        String q = declareQueue("get", null);
        assertNull(channel.basicGet(q, true));
        channel.basicPublish("", q, new AMQP.BasicProperties.Builder().messageId("id-1").build(), bytes("one"));
        publish(channel, q, "two", "three");
        GetResponse first = channel.basicGet(q, false);
        assertEquals("one", text(first.getBody()));
        assertEquals(2, first.getMessageCount());
        assertEquals("id-1", first.getProps().getMessageId());
        assertEquals("", first.getEnvelope().getExchange());
        assertEquals(q, first.getEnvelope().getRoutingKey());
        assertFalse(first.getEnvelope().isRedeliver());
        assertEquals(1, first.getEnvelope().getDeliveryTag());
        channel.basicReject(first.getEnvelope().getDeliveryTag(), true);
        GetResponse again = channel.basicGet(q, true);
        assertEquals("one", text(again.getBody()));
        assertTrue(again.getEnvelope().isRedeliver());
        assertEquals(2, again.getEnvelope().getDeliveryTag());
        assertEquals("two", get(channel, q));
        assertEquals("three", get(channel, q));
        assertNull(channel.basicGet(q, false));
    }

    @Test
    void consumingFromAMissingQueueIs404() {
        String q = queue("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + q + "' in vhost '/'",
                () -> channel.basicConsume(q, true, new Inbox(channel)));
    }

    @Test
    void deliveriesCarryExchangeKeyAndIncreasingTags() throws Exception {
        String q = declareQueue("envelope", null);
        channel.queueBind(q, "amq.topic", "a.*");
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, false, inbox);
        channel.basicPublish("amq.topic", "a.b", null, bytes("1"));
        channel.basicPublish("amq.topic", "a.c", null, bytes("2"));
        List<Inbox.Received> got = inbox.next(2);
        assertEquals("amq.topic", got.get(0).envelope().getExchange());
        assertEquals("a.b", got.get(0).envelope().getRoutingKey());
        assertEquals("a.c", got.get(1).envelope().getRoutingKey());
        assertEquals(1, got.get(0).tag());
        assertEquals(2, got.get(1).tag());
        assertInstanceOf(String.class, got.get(0).consumerTag());
    }
}
