package dev.depot.server.amqp;

import dev.depot.storage.broker.queue.Delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A channel's delivery tags: they count up from 1 for every delivery and get-ok, and those not
 * yet acknowledged map to the delivery they name. Ordered by tag, so that a multiple ack takes a
 * prefix and a closing channel requeues in delivery order. Used on the connection's event loop.
 */
final class DeliveryTags {
    /** A delivery waiting for its ack; {@code consumer} is null for basic.get. */
    record HandedOut(long tag, Delivery delivery, ChannelConsumer consumer) {
    }

    private final NavigableMap<Long, HandedOut> unacked = new TreeMap<>();
    private long last;

    long next() {
        return ++last;
    }

    /**
     * The tag the next delivery will get, without taking it: what RabbitMQ 3.10 gives a direct
     * reply-to delivery, so that the delivery after it has the same tag.
     */
    long upcoming() {
        return last + 1;
    }

    void handedOut(long tag, Delivery delivery, ChannelConsumer consumer) {
        unacked.put(tag, new HandedOut(tag, delivery, consumer));
    }

    /**
     * What an ack, nack or reject names: one tag, or with {@code multiple} every tag up to it (all
     * of them for tag 0). Null when a single tag is unknown, as for a multiple one naming nothing
     * at all beyond the last tag given out (RabbitMQ: 406 "unknown delivery tag").
     */
    List<HandedOut> take(long tag, boolean multiple) {
        if (!multiple) {
            HandedOut one = unacked.remove(tag);
            return one == null ? null : List.of(one);
        }
        if (tag == 0) {
            return takeAll();
        }
        if (tag > last) {
            return null;
        }
        NavigableMap<Long, HandedOut> prefix = unacked.headMap(tag, true);
        if (prefix.isEmpty() && !unacked.containsKey(tag)) {
            return List.of();
        }
        List<HandedOut> taken = new ArrayList<>(prefix.values());
        prefix.clear();
        return taken;
    }

    List<HandedOut> takeAll() {
        List<HandedOut> all = new ArrayList<>(unacked.values());
        unacked.clear();
        return all;
    }

    /** tx.rollback: the acks taken in the transaction are undone; the deliveries wait again. */
    void restore(List<HandedOut> deliveries) {
        for (HandedOut h : deliveries) {
            unacked.put(h.tag(), h);
        }
    }
}
