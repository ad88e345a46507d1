package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A consumer that writes everything its channel's dispatcher hands it into its own stream:
 * consume-ok (with the tag), each delivery, cancel-ok, a cancel sent by the server, and a
 * shutdown the client did not ask for. It keeps the delivery tags, so that a program can
 * acknowledge its n-th delivery, and can be waited on for a number of deliveries or for its end.
 */
final class RecordingConsumer implements Consumer {
    /** What a program does with each delivery as it arrives, on the dispatcher thread. */
    @FunctionalInterface
    interface OnDelivery {
        void accept(Channel channel, Envelope envelope) throws IOException;
    }

    private final String label;
    private final Channel channel;
    private final Observations log;
    private final OnDelivery onDelivery;
    private final List<Long> tags = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    RecordingConsumer(String label, Channel channel, Observations log, OnDelivery onDelivery) {
        this.label = label;
        this.channel = channel;
        this.log = log;
        this.onDelivery = onDelivery;
    }

    String label() {
        return label;
    }

    boolean channelOpen() {
        return channel.isOpen();
    }

    @Override
    public void handleConsumeOk(String consumerTag) {
        log.add(label, "consume-ok " + consumerTag);
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        log.add(label, "cancel-ok " + consumerTag);
        ended.countDown();
    }

    @Override
    public void handleCancel(String consumerTag) {
        log.add(label, "cancelled by server " + consumerTag);
        ended.countDown();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        if (!sig.isInitiatedByApplication()) {
            log.add(label, "shutdown " + Describe.shutdown(sig));
        }
        ended.countDown();
    }

    @Override
    public void handleRecoverOk(String consumerTag) {
        log.add(label, "recover-ok");
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        log.add(label, "deliver " + Describe.delivery(envelope, properties, body));
        synchronized (this) {
            tags.add(envelope.getDeliveryTag());
            notifyAll();
        }
        onDelivery.accept(channel, envelope);
    }

    /** Deliveries so far. */
    synchronized int count() {
        return tags.size();
    }

    /** The delivery tag of the {@code n}-th delivery (from 1). */
    synchronized long tag(int n) {
        return tags.get(n - 1);
    }

    /** Waits until this consumer has had {@code n} deliveries in all. */
    synchronized void await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + ProgramRun.WAIT.toNanos();
        while (tags.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ProgramRun.Stuck(label + " had " + tags.size() + " deliveries, waited for " + n);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for cancel-ok, a cancel from the server or the channel's shutdown. */
    boolean awaitEnd() throws InterruptedException {
        return ended.await(ProgramRun.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
