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
        int sent = 0;
        try {
            while (batch != null) {
                for (sent = 0; sent < batch.size(); sent++) {
                    send(batch.get(sent));
                }
                batch.clear();
                batch = nextBatch(batch);
            }
        } finally {
            if (batch != null) {
                abandon(batch, sent + 1); // an Error escaped a callback: leave the rest to the next drainer
            }
        }
    }

    /** The work that arrived meanwhile, or null (and no drainer any more) when there is none. */
    private ArrayList<Object> nextBatch(ArrayList<Object> done) {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                spare = done;
                draining = false;
                return null;
            }
            ArrayList<Object> next = pending;
            pending = done;
            return next;
        } finally {
            lock.unlock();
        }
    }

    private void abandon(ArrayList<Object> batch, int from) {
        lock.lock();
        try {
            if (from < batch.size()) {
                pending.addAll(0, batch.subList(from, batch.size()));
            }
            batch.clear();
            spare = batch;
            draining = false;
        } finally {
            lock.unlock();
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
