package dev.depot.storage.broker;

import dev.depot.storage.broker.queue.Consumer;
import dev.depot.storage.broker.queue.Delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer that keeps what it gets. Its credit is a prefetch window: {@code prefetch}
 * deliveries may be outstanding until {@link #ack} returns one (a prefetch of 0 is unlimited,
 * like basic.qos 0).
 */
public final class RecordingConsumer implements Consumer {
    private final String name;
    private final AtomicInteger window;
    private final boolean unlimited;
    private final List<Delivery> deliveries = new ArrayList<>();
    private volatile boolean cancelled;

    public RecordingConsumer(String name, int prefetch) {
        this.name = name;
        this.unlimited = prefetch == 0;
        this.window = new AtomicInteger(prefetch);
    }

    public RecordingConsumer(String name) {
        this(name, 0);
    }

    @Override
    public boolean tryReserve() {
        if (unlimited) {
            return true;
        }
        while (true) {
            int left = window.get();
            if (left == 0) {
                return false;
            }
            if (window.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    @Override
    public synchronized void deliver(Delivery delivery) {
        deliveries.add(delivery);
    }

    @Override
    public void cancelledByBroker() {
        cancelled = true;
    }

    /** Gives credit back as an ack would (the server then asks the queue to dispatch). */
    public void release(int credit) {
        window.addAndGet(credit);
    }

    public synchronized List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    public synchronized List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            bodies.add(Messages.body(delivery.message()));
        }
        return bodies;
    }

    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return name;
    }
}
