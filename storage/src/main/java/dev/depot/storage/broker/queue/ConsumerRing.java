package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue's consumers and the choice of who gets the next message: the highest x-priority level
 * that has a consumer with credit, round-robin within the level (a consumer that was served or
 * asked goes to the back). With single active consumer only the earliest registered consumer
 * is ever served; when it leaves, the next in registration order takes over. Guarded by the
 * queue's lock.
 */
final class ConsumerRing {
    private static final class Level {
        final long priority;
        final ArrayDeque<Subscription> turn = new ArrayDeque<>(4);

        Level(long priority) {
            this.priority = priority;
        }
    }

    private final boolean singleActive;
    private final List<Subscription> registered = new ArrayList<>(4);
    /** Highest priority first. */
    private final List<Level> levels = new ArrayList<>(1);
    private boolean exclusive;

    ConsumerRing(boolean singleActive) {
        this.singleActive = singleActive;
    }

    /**
     * Adds a consumer; an exclusive one only to a queue without consumers, and none beside it
     * (403). A single-active-consumer queue refuses exclusive consumers altogether, as RabbitMQ's.
     */
    void add(Subscription subscription, ResourceName queue) {
        if (exclusive || subscription.options().exclusive() && (singleActive || !registered.isEmpty())) {
            throw new BrokerException(ReplyCode.ACCESS_REFUSED, queue + " in exclusive use");
        }
        exclusive = subscription.options().exclusive();
        registered.add(subscription);
        levelFor(subscription.options().priority()).turn.addLast(subscription);
    }

    /** False when it was not (or no longer) registered. */
    boolean remove(Subscription subscription) {
        if (!registered.remove(subscription)) {
            return false;
        }
        exclusive = false;
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            if (level.turn.remove(subscription)) {
                if (level.turn.isEmpty()) {
                    levels.remove(i);
                }
                break;
            }
        }
        return true;
    }

    /** Every consumer, in registration order, leaving the ring empty. */
    List<Subscription> removeAll() {
        List<Subscription> all = new ArrayList<>(registered);
        registered.clear();
        levels.clear();
        exclusive = false;
        return all;
    }

    int size() {
        return registered.size();
    }

    boolean isEmpty() {
        return registered.isEmpty();
    }

    /** The consumer the next message goes to, its credit taken; null when nobody can take one now. */
    Subscription nextWithCredit() {
        if (singleActive) {
            if (registered.isEmpty()) {
                return null;
            }
            Subscription active = registered.get(0);
            return active.consumer().tryReserve() ? active : null;
        }
        for (int i = 0; i < levels.size(); i++) {
            ArrayDeque<Subscription> turn = levels.get(i).turn;
            for (int asked = turn.size(); asked > 0; asked--) {
                Subscription candidate = turn.pollFirst();
                turn.addLast(candidate);
                if (candidate.consumer().tryReserve()) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private Level levelFor(long priority) {
        int i = 0;
        while (i < levels.size() && levels.get(i).priority > priority) {
            i++;
        }
        if (i < levels.size() && levels.get(i).priority == priority) {
            return levels.get(i);
        }
        Level level = new Level(priority);
        levels.add(i, level);
        return level;
    }
}
