package dev.depot.storage.broker.queue;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue's deliveries and {@link Notice}s, carried out after its lock is released, in the
 * order they were decided and by one thread at a time: whichever thread finds work and nobody
 * draining becomes the drainer and keeps going until the outbox is empty, including work that
 * others (or its own callbacks) add meanwhile. So a consumer sees its deliveries in queue order
 * without any lock held during the callback, and a callback may call back into the queue.
 * Two lists are swapped back and forth: draining allocates nothing.
 */
final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final ReentrantLock lock;
    private ArrayList<Object> pending = new ArrayList<>();
    private ArrayList<Object> spare = new ArrayList<>();
    private boolean draining;

    Outbox(ReentrantLock lock) {
        this.lock = lock;
    }

    /** A {@link Delivery} for its subscription's consumer, or a {@link Notice}. Lock held. */
    void add(Object item) {
        pending.add(item);
    }

    /** Lock held: the work this thread must now carry out, or null when there is none or another thread drains. */
    ArrayList<Object> claim() {
        if (draining || pending.isEmpty()) {
            return null;
        }
        draining = true;
        ArrayList<Object> batch = pending;
        pending = spare;
        spare = null;
        return batch;
    }

    /** Lock not held: carries out a claimed batch and whatever arrives until the outbox is empty. */
    void drain(ArrayList<Object> batch) {
        while (batch != null) {
            for (int i = 0; i < batch.size(); i++) {
                send(batch.get(i));
            }
            batch.clear();
            lock.lock();
            try {
                if (pending.isEmpty()) {
                    spare = batch;
                    draining = false;
                    batch = null;
                } else {
                    ArrayList<Object> next = pending;
                    pending = batch;
                    batch = next;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static void send(Object item) {
        try {
            if (item instanceof Delivery delivery) {
                delivery.subscription.consumer().deliver(delivery);
            } else {
                ((Notice) item).send();
            }
        } catch (RuntimeException e) {
            // One failing callback must not stop the deliveries queued behind it.
            LOG.log(System.Logger.Level.ERROR, "broker callback failed: " + item, e);
        }
    }
}
