package dev.depot.server.amqp;

import dev.depot.protocol.amqp.DeliveryEncoder;
import dev.depot.storage.broker.queue.Consumer;
import dev.depot.storage.broker.queue.Delivery;
import dev.depot.storage.broker.queue.Subscription;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A basic.consume on a channel, as its queue sees it. Credit is what bounds memory and honours
 * prefetch: a delivery needs room under the consumer's prefetch (manual acks), under the
 * channel's global prefetch, and in the connection's hand-over queue (deliveries not yet written
 * to the socket), and the socket must be writable. The queue asks from any thread; the counters
 * are atomic, and what is handed over is written on the connection's own event loop.
 */
final class ChannelConsumer implements Consumer {
    /** Deliveries a consumer may have on their way to its socket at once. */
    static final int HANDOVER_WINDOW = 1024;

    private final AmqpChannel channel;
    private final String tag;
    /** The tag as basic.deliver carries it. */
    private final byte[] encodedTag;
    private final boolean autoAck;
    private final int prefetch;
    /** Unacknowledged deliveries (manual acks only). */
    private final AtomicInteger unacked = new AtomicInteger();
    /** Deliveries handed over to the event loop and not yet written. */
    private final AtomicInteger inHandover = new AtomicInteger();
    private volatile boolean cancelled;
    private Subscription subscription;

    ChannelConsumer(AmqpChannel channel, String tag, boolean autoAck, int prefetch) {
        this.channel = channel;
        this.tag = tag;
        this.encodedTag = DeliveryEncoder.shortstr(tag);
        this.autoAck = autoAck;
        this.prefetch = prefetch;
    }

    String tag() {
        return tag;
    }

    byte[] encodedTag() {
        return encodedTag;
    }

    boolean autoAck() {
        return autoAck;
    }

    Subscription subscription() {
        return subscription;
    }

    void subscribed(Subscription subscription) {
        this.subscription = subscription;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** basic.cancel, or the channel closing. */
    void cancel() {
        cancelled = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public boolean tryReserve() {
        if (cancelled || !channel.mayDeliver() || inHandover.get() >= HANDOVER_WINDOW) {
            return false;
        }
        if (!autoAck) {
            if (prefetch > 0 && unacked.get() >= prefetch) {
                return false;
            }
            if (!channel.reserveChannelCredit()) {
                return false;
            }
            unacked.incrementAndGet();
        }
        inHandover.incrementAndGet();
        return true;
    }

    @Override
    public void deliver(Delivery delivery) {
        channel.connection().handOver(delivery);
    }

    /** A delivery {@link #deliver} handed over, now on the connection's loop: written to the socket. */
    void handedOver(Delivery delivery) {
        boolean wasFull = inHandover.getAndDecrement() == HANDOVER_WINDOW;
        channel.deliver(this, delivery);
        if (wasFull && subscription != null) {
            subscription.queue().dispatch(); // room in the hand-over queue again
        }
    }

    @Override
    public void cancelledByBroker() {
        cancelled = true;
        channel.connection().runOnLoop(() -> channel.cancelledByBroker(this));
    }

    /** An unacknowledged delivery of this consumer ended (ack, nack, reject, recover). */
    void settled() {
        unacked.decrementAndGet();
    }
}
