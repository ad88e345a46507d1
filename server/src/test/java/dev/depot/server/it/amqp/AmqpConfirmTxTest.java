package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publisher confirms and transactions. */
class AmqpConfirmTxTest extends AmqpTestBase {
    /** A confirm as the client heard it: ack or nack, tag, multiple. */
    record Confirm(boolean ack, long tag, boolean multiple) {
    }

    private static BlockingQueue<Confirm> confirms(Channel ch) {
        BlockingQueue<Confirm> heard = new LinkedBlockingQueue<>();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                heard.add(new Confirm(true, tag, multiple));
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                heard.add(new Confirm(false, tag, multiple));
            }
        });
        return heard;
    }

    private static Confirm next(BlockingQueue<Confirm> heard) throws InterruptedException {
        Confirm c = heard.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(c, "no confirm within the wait");
        return c;
    }

    @Test
    void everyPublishIsConfirmedInOrder() throws Exception {
        String q = declareQueue("confirmed", null);
        channel.confirmSelect();
        BlockingQueue<Confirm> heard = confirms(channel);
        for (int i = 1; i <= 20; i++) {
            assertEquals(i, channel.getNextPublishSeqNo());
            channel.basicPublish("", q, null, bytes("m" + i));
        }
        channel.basicPublish("amq.direct", "unroutable", null, bytes("confirmed too"));
        assertTrue(channel.waitForConfirms(WAIT_MILLIS));
        // confirms may come out of order (RabbitMQ confirms the unroutable one at once); each tag once
        java.util.Set<Long> confirmed = new java.util.TreeSet<>();
        while (confirmed.size() < 21) {
            Confirm c = next(heard);
            assertTrue(c.ack(), c.toString());
            for (long tag = c.multiple() ? 1 : c.tag(); tag <= c.tag(); tag++) {
                assertTrue(confirmed.add(tag) || c.multiple(), "confirmed twice: " + c);
            }
        }
        assertEquals(21L, ((java.util.TreeSet<Long>) confirmed).last());
        assertEquals(20, ready(channel, q));
    }

    @Test
    void aQueueRefusingThePublishMakesItANack() throws Exception {
        String q = declareQueue("reject-publish", Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        channel.confirmSelect();
        BlockingQueue<Confirm> heard = confirms(channel);
        channel.basicPublish("", q, null, bytes("kept"));
        assertEquals(new Confirm(true, 1, false), next(heard));
        channel.basicPublish("", q, null, bytes("refused"));
        Confirm nack = next(heard); // RabbitMQ says multiple=true, which means the same here: 1 is confirmed already
        assertEquals(false, nack.ack());
        assertEquals(2, nack.tag());
        assertEquals("kept", get(channel, q));
        channel.basicPublish("", q, null, bytes("room again"));
        assertEquals(new Confirm(true, 3, false), next(heard));
    }

    @Test
    void confirmAndTxModesExcludeEachOther() throws Exception {
        channel.txSelect();
        assertChannelError(406, "PRECONDITION_FAILED - cannot switch from tx to confirm mode", channel::confirmSelect);
        Channel ch = connection.createChannel();
        ch.confirmSelect();
        assertChannelError(406, "PRECONDITION_FAILED - cannot switch from confirm to tx mode", ch::txSelect);
    }

    @Test
    void transactionalPublishesAppearOnCommitOnly() throws Exception {
        String q = declareQueue("tx-publish", null);
        Channel tx = connection.createChannel();
        tx.txSelect();
        publish(tx, q, "one", "two");
        assertNull(get(channel, q));
        tx.txCommit();
        assertEquals("one", get(channel, q));
        assertEquals("two", get(channel, q));
        publish(tx, q, "rolled back");
        tx.txRollback();
        publish(tx, q, "three");
        tx.txCommit();
        assertEquals("three", get(channel, q));
        assertNull(get(channel, q));
    }

    @Test
    void aPublishToAMissingExchangeFailsTheTransactionBeforeAnythingIsCommitted() throws Exception {
        String q = declareQueue("tx-atomic", null);
        String missing = exchange("missing");
        Channel tx = connection.createChannel();
        tx.txSelect();
        publish(tx, q, "never committed");
        tx.basicPublish(missing, "k", null, bytes("to nowhere")); // refused at once, not at commit
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, awaitClose(tx));
        assertEquals(404, close.getReplyCode());
        assertEquals("NOT_FOUND - no exchange '" + missing + "' in vhost '/'", close.getReplyText());
        assertNull(get(channel, q)); // the channel closed uncommitted
    }

    @Test
    void transactionalAcksTakeEffectOnCommit() throws Exception {
        String q = declareQueue("tx-ack", null);
        publish(channel, q, "m0", "m1");
        Channel tx = connection.createChannel();
        tx.txSelect();
        GetResponse m0 = tx.basicGet(q, false);
        GetResponse m1 = tx.basicGet(q, false);
        tx.basicAck(m0.getEnvelope().getDeliveryTag(), false);
        tx.txRollback(); // the ack is undone: m0 is unacknowledged again
        tx.basicAck(m1.getEnvelope().getDeliveryTag(), false);
        tx.txCommit();
        tx.close(); // m0 goes back to the queue
        GetResponse back = channel.basicGet(q, true);
        assertEquals("m0", text(back.getBody()));
        assertTrue(back.getEnvelope().isRedeliver());
        assertNull(channel.basicGet(q, true));
    }

    @Test
    void commitOutsideATransactionIs406() {
        assertChannelError(406, "PRECONDITION_FAILED - channel is not transactional", channel::txCommit);
    }
}
