package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A consumer that records what the broker tells it: deliveries in a queue the test takes them
 * from (failing after a timeout), and the consumer-ok, cancel-ok and broker cancel it got.
 */
final class Inbox extends DefaultConsumer {
    /** One basic.deliver as the client saw it. */
    record Received(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        long tag() {
            return envelope.getDeliveryTag();
        }

        boolean redelivered() {
            return envelope.isRedeliver();
        }
    }

    private final BlockingQueue<Received> deliveries = new LinkedBlockingQueue<>();
    final CompletableFuture<String> consumeOk = new CompletableFuture<>();
    final CompletableFuture<String> cancelOk = new CompletableFuture<>();
    final CompletableFuture<String> cancelledByBroker = new CompletableFuture<>();

    Inbox(Channel channel) {
        super(channel);
    }

    @Override
    public void handleConsumeOk(String consumerTag) {
        super.handleConsumeOk(consumerTag);
        consumeOk.complete(consumerTag);
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        cancelOk.complete(consumerTag);
    }

    @Override
    public void handleCancel(String consumerTag) {
        cancelledByBroker.complete(consumerTag);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        deliveries.add(new Received(consumerTag, envelope, properties, body));
    }

    /** The next delivery; fails when none comes within the tests' wait. */
    Received next() throws InterruptedException {
        Received r = deliveries.poll(AmqpTestBase.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no delivery within " + AmqpTestBase.WAIT_MILLIS + " ms");
        }
        return r;
    }

    /** The next {@code n} deliveries. */
    List<Received> next(int n) throws InterruptedException {
        List<Received> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The bodies of the next {@code n} deliveries. */
    List<String> texts(int n) throws InterruptedException {
        return next(n).stream().map(Received::text).toList();
    }

    /** Deliveries already received and not taken yet (never waits). */
    int waiting() {
        return deliveries.size();
    }

    /** Acknowledges {@code r}. */
    void ack(Received r) throws IOException {
        getChannel().basicAck(r.tag(), false);
    }
}
