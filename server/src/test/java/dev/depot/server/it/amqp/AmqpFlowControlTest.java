package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.depot.storage.broker.queue.MessageQueue.BACKLOG_HIGH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publisher flow control: a connection publishing to a queue whose consumers fall behind is
 * not read from until the backlog drains, but never one that consumes, never for a queue
 * without consumers, and not for long when the consumers take nothing at all.
 */
@Timeout(60)
class AmqpFlowControlTest extends AmqpTestBase {
    private static final byte[] BODY = bytes("0123456789abcdef");

    /** Acks every delivery as it comes (from the client's consumer thread) and counts them. */
    private static final class AckingConsumer extends DefaultConsumer {
        final CountDownLatch received;

        AckingConsumer(Channel channel, int expected) {
            super(channel);
            this.received = new CountDownLatch(expected);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            received.countDown();
        }

        void awaitAll() throws InterruptedException {
            assertTrue(received.await(40, TimeUnit.SECONDS), () -> received.getCount() + " deliveries missing");
        }
    }

    private static void publishMany(Channel ch, String queue, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", queue, null, BODY);
        }
    }

    @Test
    void aPublisherWhoseQueueHasASlowConsumerIsNotReadUntilTheBacklogDrains() throws Exception {
        daemon.assumeDepot(); // RabbitMQ's credit flow holds publishers by its own measure
        String q = declareQueue("slow-consumer", Map.of());
        int total = BACKLOG_HIGH + 20_000;
        Channel consuming = connect().createChannel();
        consuming.basicQos(50);
        AckingConsumer consumer = new AckingConsumer(consuming, total);
        consuming.basicConsume(q, false, consumer);

        publishMany(channel, q, total);
        // Read after every publish before it: its count is the backlog when this connection was read
        // again. Unheld, the publishes would all have been taken long before the consumer caught up.
        int readyWhenRead = channel.queueDeclarePassive(q).getMessageCount();
        consumer.awaitAll();
        // a paused connection still decodes what it had read (up to 64 KiB, some 600 publishes here)
        assertTrue(readyWhenRead <= BACKLOG_HIGH + 2_000,
                () -> readyWhenRead + " messages ready when the publisher's next command was read");
    }

    @Test
    void aConnectionThatConsumesKeepsBeingReadWhateverItPublishes() throws Exception {
        String q = declareQueue("same-connection", Map.of());
        int total = 3 * BACKLOG_HIGH;
        Channel consuming = connection.createChannel();
        consuming.basicQos(50);
        AckingConsumer consumer = new AckingConsumer(consuming, total);
        consuming.basicConsume(q, false, consumer);

        publishMany(channel, q, total);
        channel.queueDeclarePassive(q);
        consumer.awaitAll(); // its acks travel on the connection that published: nothing waits for itself
    }

    @Test
    void aQueueWithoutConsumersTakesEverythingPublished() throws Exception {
        String q = declareQueue("no-consumer", Map.of());
        publishMany(channel, q, 3 * BACKLOG_HIGH);
        assertEquals(3 * BACKLOG_HIGH, ready(channel, q));
    }

    @Test
    void aConsumerThatTakesNothingDoesNotHoldThePublisherForLong() throws Exception {
        String q = declareQueue("stuck-consumer", Map.of());
        Connection consumerConnection = connect();
        Channel consuming = consumerConnection.createChannel();
        consuming.basicQos(1);
        Inbox stuck = new Inbox(consuming);
        consuming.basicConsume(q, false, stuck);
        stuck.consumeOk.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);

        publishMany(channel, q, 2 * BACKLOG_HIGH);
        assertEquals(2 * BACKLOG_HIGH - 1, ready(channel, q), "all but the one unacked delivery");
        consuming.basicAck(stuck.next().tag(), false);
        stuck.next(); // the consumer goes on where it was
    }
}
