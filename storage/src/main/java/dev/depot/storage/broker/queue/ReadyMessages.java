package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.message.Message;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The messages waiting for a consumer, one FIFO lane per priority (a single lane unless the
 * queue has x-max-priority), highest lane first. Within a lane, requeued messages sit in a
 * small heap ordered by arrival: each was taken from the head, so each is older than every
 * message still in the FIFO, and the heap's minimum is the lane's head. Guarded by the queue's
 * lock.
 */
final class ReadyMessages {
    private static final Comparator<Delivery> BY_ARRIVAL = Comparator.comparingLong(d -> d.seq);

    private static final class Lane {
        final ArrayDeque<Delivery> fresh = new ArrayDeque<>();
        /** Created on the first requeue. */
        PriorityQueue<Delivery> returned;

        Delivery head() {
            return returned == null || returned.isEmpty() ? fresh.peekFirst() : returned.peek();
        }

        Delivery poll() {
            return returned == null || returned.isEmpty() ? fresh.pollFirst() : returned.poll();
        }

        boolean isEmpty() {
            return fresh.isEmpty() && (returned == null || returned.isEmpty());
        }
    }

    private final Lane[] lanes;
    private int count;
    private long bytes;

    /** @param maxPriority the highest distinct priority (0: one lane) */
    ReadyMessages(int maxPriority) {
        lanes = new Lane[maxPriority + 1];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /** The lane of a message: its priority, capped at the queue's maximum; none counts as 0. */
    int laneOf(Message message) {
        int priority = message.view().priority();
        return priority <= 0 ? 0 : Math.min(priority, lanes.length - 1);
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    void addLast(Delivery delivery) {
        lanes[delivery.lane].fresh.addLast(delivery);
        added(delivery);
    }

    /** Puts a delivered message back at its original place. */
    void putBack(Delivery delivery) {
        Lane lane = lanes[delivery.lane];
        if (lane.returned == null) {
            lane.returned = new PriorityQueue<>(BY_ARRIVAL);
        }
        lane.returned.add(delivery);
        added(delivery);
    }

    /** The next message to hand out (highest lane's head), or null. */
    Delivery peek() {
        for (int i = lanes.length - 1; i >= 0; i--) {
            Delivery head = lanes[i].head();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    Delivery poll() {
        for (int i = lanes.length - 1; i >= 0; i--) {
            Delivery head = lanes[i].poll();
            if (head != null) {
                removed(head);
                return head;
            }
        }
        return null;
    }

    /** The earliest expiry among the lanes' heads (only heads expire); Long.MAX_VALUE for none. */
    long headExpiry() {
        long earliest = Long.MAX_VALUE;
        for (Lane lane : lanes) {
            Delivery head = lane.head();
            if (head != null && head.expiresAt < earliest) {
                earliest = head.expiresAt;
            }
        }
        return earliest;
    }

    /** Removes each lane's expired heads, oldest first, handing each to {@code expired}. */
    void expireHeads(long now, Consumer<Delivery> expired) {
        for (Lane lane : lanes) {
            Delivery head;
            while ((head = lane.head()) != null && head.expiresAt <= now) {
                lane.poll();
                removed(head);
                expired.accept(head);
            }
        }
    }

    /** Empties every lane, handing each message to {@code each}. */
    void clear(Consumer<Delivery> each) {
        for (Lane lane : lanes) {
            Delivery head;
            while ((head = lane.poll()) != null) {
                removed(head);
                each.accept(head);
            }
        }
    }

    private void added(Delivery delivery) {
        count++;
        bytes += delivery.message.bodySize();
    }

    private void removed(Delivery delivery) {
        count--;
        bytes -= delivery.message.bodySize();
    }
}
