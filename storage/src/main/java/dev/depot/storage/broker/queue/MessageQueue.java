package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.message.Expiration;
import dev.depot.storage.broker.message.Message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue's delivery engine: ready messages by priority and arrival, consumers served by
 * priority and in turn as their credit allows, unacknowledged deliveries, TTL, length limits
 * and dead-lettering.
 *
 * <p>Threading: one lock per queue, held only for the queue's own bookkeeping. Whatever the
 * queue decides to do to others (deliver to a consumer, tell it the queue is gone, dead-letter
 * a message, ask for its own auto-deletion) goes through its {@link Outbox} and runs after the
 * lock is released, in order, on one thread at a time. Publishers, consumers' acks and the
 * sweep may call from any thread; nothing here blocks beyond that lock.
 *
 * <p>Publisher flow control: a queue whose consumers fall behind (more than
 * {@link #BACKLOG_HIGH} ready messages, or {@link #BACKLOG_HIGH_BYTES} of bodies, while it has
 * consumers and keeps serving them) is {@linkplain #backlogged() backlogged}; the server then
 * stops reading from its publishers until it is down to the low marks
 * ({@link #awaitBacklogDrained}). A queue without consumers is never backlogged (it grows, as in
 * RabbitMQ, up to the memory alarm), and one whose consumers took nothing between two sweeps
 * ({@link #checkStalled}) lets its publishers go: holding them would shorten nobody's wait.
 */
public final class MessageQueue {
    /** Bytes a ready message costs beside its body: Message, Delivery, property bytes, list slot. */
    private static final int READY_MESSAGE_OVERHEAD = 160;

    private static final long NEVER = Long.MAX_VALUE;
    /** A {@code now} not read from the clock yet: read when a message that can expire comes up. */
    private static final long CLOCK_NOT_READ = Long.MIN_VALUE;

    /** Ready messages above which a queue with consumers is backlogged. */
    public static final int BACKLOG_HIGH = 4096;
    /** Ready messages at or below which a backlogged queue lets its publishers go. */
    public static final int BACKLOG_LOW = BACKLOG_HIGH / 2;
    /** Ready body bytes above which a queue with consumers is backlogged (large messages). */
    public static final long BACKLOG_HIGH_BYTES = 4L << 20;
    /** Ready body bytes at or below which a backlogged queue lets its publishers go. */
    public static final long BACKLOG_LOW_BYTES = BACKLOG_HIGH_BYTES / 2;

    private final QueueSettings settings;
    private final QueueServices services;
    private final ResourceName name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Outbox outbox = new Outbox(lock);
    private final ReadyMessages ready;
    private final ConsumerRing consumers;

    // The settings every message needs, decoded once.
    private final long messageTtl;
    private final long maxLength;
    private final long maxLengthBytes;
    private final Overflow overflow;
    private final boolean hasDeadLetterExchange;
    private final long expiresAfter;

    // Guarded by lock.
    private long nextSeq;
    private int unacked;
    private boolean deleted;
    private boolean everConsumed;
    private long lastUsed;
    /**
     * Set when every consumer was asked for credit and none had any. Credit only comes back
     * through calls into this queue (settle, dispatch, subscribe, unsubscribe), which clear it;
     * meanwhile publishers append without asking again, so a backed-up queue with many
     * consumers costs O(1) per message.
     */
    private boolean consumersBlocked;
    /** Messages handed out (to consumers or basic.get), ever. */
    private long handedOut;
    /** {@link #handedOut} at the last {@link #checkStalled} while backlogged; -1 when not backlogged then. */
    private long handedOutAtCheck = -1;
    /** Backlogged but handing nothing out between two checks: not backlogged until it hands out again. */
    private boolean stalled;
    /** What to run when the backlog is gone; null when nobody waits. */
    private ArrayList<Runnable> drainWaiters;

    /** Written under the lock, read by publishers without it. */
    private volatile boolean backlogged;

    /** The earliest expiry among the heads: the sweep skips the queue, lock-free, until then. */
    private volatile long nextExpiry = NEVER;

    public MessageQueue(QueueSettings settings, QueueServices services) {
        this.settings = settings;
        this.services = services;
        this.name = settings.name();
        QueueArguments args = settings.arguments();
        this.ready = new ReadyMessages(args.maxPriority());
        this.consumers = new ConsumerRing(args.singleActiveConsumer());
        this.messageTtl = args.messageTtl().orElse(-1);
        this.maxLength = args.maxLength();
        this.maxLengthBytes = args.maxLengthBytes();
        this.overflow = args.overflow();
        this.hasDeadLetterExchange = args.deadLetterExchange().isPresent();
        this.expiresAfter = args.expires().orElse(-1);
        this.lastUsed = services.clock().millis();
    }

    public ResourceName name() {
        return name;
    }

    public QueueSettings settings() {
        return settings;
    }

    /**
     * Takes a message routed here. False when the queue refuses it (x-overflow reject-publish or
     * reject-publish-dlx at its limit): the publisher's confirm must be a nack. A queue deleted
     * meanwhile takes and drops it.
     */
    public boolean publish(Message message) {
        boolean accepted = true;
        ArrayList<Object> work;
        lock.lock();
        try {
            if (!deleted) {
                // the clock only matters where something can expire: most publishes never read it
                long now = messageTtl >= 0 || message.view().expiration() != null ? services.clock().millis()
                        : CLOCK_NOT_READ;
                if (overflow != Overflow.DROP_HEAD && wouldOverflow(message)) {
                    accepted = false;
                    if (overflow == Overflow.REJECT_PUBLISH_DLX) {
                        deadLetter(message, DeathReason.MAXLEN);
                    }
                } else {
                    enqueue(message, now);
                }
            }
        } finally {
            work = release();
        }
        outbox.drain(work);
        return accepted;
    }

    /**
     * Registers a consumer and serves it at once if it has credit. 403 when an exclusive
     * consumer is involved; 404 when the queue was deleted meanwhile.
     */
    public Subscription subscribe(Consumer consumer, ConsumerOptions options) {
        Subscription subscription = new Subscription(this, consumer, options);
        ArrayList<Object> work;
        lock.lock();
        try {
            requireLive();
            consumers.add(subscription, name);
            everConsumed = true;
            long now = services.clock().millis();
            lastUsed = now;
            consumersBlocked = false;
            dispatchReady(now);
        } finally {
            work = release();
        }
        outbox.drain(work);
        return subscription;
    }

    void unsubscribe(Subscription subscription) {
        ArrayList<Object> work;
        lock.lock();
        try {
            if (consumers.remove(subscription)) {
                long now = services.clock().millis();
                lastUsed = now;
                if (settings.autoDelete() && consumers.isEmpty() && !deleted) {
                    outbox.add(new Notice.LastConsumerGone(this, services.lifecycle()));
                }
                consumersBlocked = false;
                dispatchReady(now); // the next single active consumer, or nothing
            }
        } finally {
            work = release();
        }
        outbox.drain(work);
    }

    /**
     * basic.get: the next ready message, or null when there is none. Without auto-ack it stays
     * unacknowledged until settled. 404 when the queue was deleted meanwhile.
     */
    public GetResult get(boolean autoAck) {
        GetResult result = null;
        ArrayList<Object> work;
        lock.lock();
        try {
            requireLive();
            long now = services.clock().millis();
            lastUsed = now;
            ready.expireHeads(now, this::expired);
            Delivery next = ready.poll();
            if (next != null) {
                handedOut();
                handOut(next, null, autoAck);
                result = new GetResult(next, ready.count());
            }
        } finally {
            work = release();
        }
        outbox.drain(work);
        return result;
    }

    /** Ends one unacknowledged delivery of this queue. */
    public void settle(Delivery delivery, Settlement how) {
        ArrayList<Object> work;
        lock.lock();
        try {
            if (!deleted) {
                settleLocked(delivery, how);
                consumersBlocked = false;
                dispatchReady(services.clock().millis());
            }
        } finally {
            work = release();
        }
        outbox.drain(work);
    }

    /**
     * Ends several deliveries of this queue at once: a requeued batch is back in place before
     * anyone is served again (a closing channel's messages return in their original order).
     */
    public void settle(Collection<Delivery> deliveries, Settlement how) {
        ArrayList<Object> work;
        lock.lock();
        try {
            if (!deleted) {
                for (Delivery delivery : deliveries) {
                    settleLocked(delivery, how);
                }
                consumersBlocked = false;
                dispatchReady(services.clock().millis());
            }
        } finally {
            work = release();
        }
        outbox.drain(work);
    }

    /** Settles deliveries of any queues, one batch per queue (multiple acks, a closing channel). */
    public static void settleAll(Collection<Delivery> deliveries, Settlement how) {
        Map<MessageQueue, List<Delivery>> byQueue = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            byQueue.computeIfAbsent(delivery.queue, q -> new ArrayList<>()).add(delivery);
        }
        byQueue.forEach((queue, batch) -> queue.settle(batch, how));
    }

    /** A consumer's credit grew (acks, basic.qos, flow, a writable socket): serve what can be served. */
    public void dispatch() {
        ArrayList<Object> work;
        lock.lock();
        try {
            if (!deleted) {
                consumersBlocked = false;
                dispatchReady(services.clock().millis());
            }
        } finally {
            work = release();
        }
        outbox.drain(work);
    }

    /**
     * Whether the consumers fall behind: publishers should pause until {@link #awaitBacklogDrained}
     * says otherwise. Lock-free.
     */
    public boolean backlogged() {
        return backlogged;
    }

    /**
     * Runs {@code resume} once this queue is no longer backlogged (its backlog drained, its
     * consumers gone or stalled, or the queue deleted), after the lock is released, on whichever
     * thread ends the backlog. False, and {@code resume} is not kept, when it is not backlogged now.
     */
    public boolean awaitBacklogDrained(Runnable resume) {
        lock.lock();
        try {
            if (!backlogged) {
                return false;
            }
            if (drainWaiters == null) {
                drainWaiters = new ArrayList<>(2);
            }
            drainWaiters.add(resume);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The sweep, every so often: a queue backlogged at two checks in a row that handed nothing
     * out between them (its consumers have no credit: they do not ack, or their sockets do not
     * drain) lets its publishers go. Lock-free when not backlogged.
     */
    public void checkStalled() {
        if (!backlogged) {
            handedOutAtCheck = -1; // only the sweep reads and writes it
            return;
        }
        ArrayList<Object> work;
        lock.lock();
        try {
            if (backlogged && handedOut == handedOutAtCheck) {
                stalled = true;
            }
            handedOutAtCheck = backlogged ? handedOut : -1;
        } finally {
            work = release();
        }
        outbox.drain(work);
    }

    /** Drops every ready message (unacknowledged ones stay); returns how many. */
    public int purge() {
        ArrayList<Object> work;
        int purged;
        lock.lock();
        try {
            purged = ready.count();
            ready.clear(this::dropped);
        } finally {
            work = release();
        }
        outbox.drain(work);
        return purged;
    }

    /**
     * Roughly the heap its ready messages hold: their bodies, plus an allowance per message for
     * the message, its delivery record and its properties. What a memory alarm sums.
     */
    public long readyMemory() {
        lock.lock();
        try {
            return ready.bytes() + (long) ready.count() * READY_MESSAGE_OVERHEAD;
        } finally {
            lock.unlock();
        }
    }

    /** Ready messages, expired heads removed first (queue.declare-ok's message-count). */
    public int messageCount() {
        ArrayList<Object> work;
        int count;
        lock.lock();
        try {
            ready.expireHeads(services.clock().millis(), this::expired);
            count = ready.count();
        } finally {
            work = release();
        }
        outbox.drain(work);
        return count;
    }

    public int consumerCount() {
        lock.lock();
        try {
            return consumers.size();
        } finally {
            lock.unlock();
        }
    }

    public int unackedCount() {
        lock.lock();
        try {
            return unacked;
        } finally {
            lock.unlock();
        }
    }

    /** A declaration (passive or not) uses the queue: x-expires counts from now. */
    public void touch() {
        lock.lock();
        try {
            lastUsed = services.clock().millis();
        } finally {
            lock.unlock();
        }
    }

    /** The sweep: drops or dead-letters the heads whose time has come. Lock-free when none has. */
    public void expireMessages(long now) {
        if (nextExpiry > now) {
            return;
        }
        ArrayList<Object> work;
        lock.lock();
        try {
            ready.expireHeads(now, this::expired);
        } finally {
            work = release();
        }
        outbox.drain(work);
    }

    /** Whether x-expires has run out: no consumer and no use for that long. */
    public boolean unusedTooLong(long now) {
        if (expiresAfter < 0) {
            return false;
        }
        lock.lock();
        try {
            return isUnusedTooLong(now);
        } finally {
            lock.unlock();
        }
    }

    // Deletion: the virtual host calls these with its topology lock held, then flush() after
    // releasing it, so that consumers hear of the deletion without any broker lock held.

    /**
     * queue.delete: refuses with 406 when {@code ifUnused} and consumed or {@code ifEmpty} and
     * not empty; otherwise deletes and returns the ready messages dropped.
     */
    public int delete(boolean ifUnused, boolean ifEmpty) {
        lock.lock();
        try {
            if (deleted) {
                return 0;
            }
            if (ifUnused && !consumers.isEmpty()) {
                throw BrokerException.inUse(name);
            }
            if (ifEmpty && ready.count() > 0) {
                throw new BrokerException(ReplyCode.PRECONDITION_FAILED, name + " not empty");
            }
            return markDeleted();
        } finally {
            lock.unlock();
        }
    }

    /** Auto-delete: deletes the queue if its last consumer is still gone. */
    public boolean deleteIfAbandoned() {
        lock.lock();
        try {
            if (deleted || !everConsumed || !consumers.isEmpty()) {
                return false;
            }
            markDeleted();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** x-expires: deletes the queue if it is still unused past its expiry. */
    public boolean deleteIfExpired(long now) {
        lock.lock();
        try {
            if (deleted || expiresAfter < 0 || !isUnusedTooLong(now)) {
                return false;
            }
            markDeleted();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Its exclusive owner went away: deletes the queue whatever its state. */
    public void deleteForOwner() {
        lock.lock();
        try {
            if (!deleted) {
                markDeleted();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Carries out what was left to do after a deletion (consumers' cancel notices). */
    public void flush() {
        ArrayList<Object> work;
        lock.lock();
        try {
            work = outbox.claim();
        } finally {
            lock.unlock();
        }
        outbox.drain(work);
    }

    // ---- under the lock ----

    private void requireLive() {
        if (deleted) {
            throw BrokerException.notFound(name);
        }
    }

    /** Claims the outbox, publishes the next expiry and the backlog state, and unlocks. */
    private ArrayList<Object> release() {
        try {
            nextExpiry = ready.headExpiry();
            updateBacklog();
            return outbox.claim();
        } finally {
            lock.unlock();
        }
    }

    /** Raises or clears {@link #backlogged}, with hysteresis; clearing it wakes those waiting. */
    private void updateBacklog() {
        boolean over;
        if (deleted || stalled || consumers.isEmpty()) {
            over = false;
        } else if (backlogged) {
            over = ready.count() > BACKLOG_LOW || ready.bytes() > BACKLOG_LOW_BYTES;
        } else {
            over = ready.count() > BACKLOG_HIGH || ready.bytes() > BACKLOG_HIGH_BYTES;
        }
        if (over == backlogged) {
            return;
        }
        backlogged = over;
        if (!over && drainWaiters != null) {
            for (Runnable resume : drainWaiters) {
                outbox.add(new Notice.BacklogDrained(resume));
            }
            drainWaiters = null;
        }
    }

    private void handedOut() {
        handedOut++;
        stalled = false;
    }

    private boolean wouldOverflow(Message message) {
        return ready.count() + 1L > maxLength || ready.bytes() + message.bodySize() > maxLengthBytes;
    }

    private void enqueue(Message message, long now) {
        long expiresAt = expiresAt(message, now);
        Delivery delivery = new Delivery(this, message, nextSeq++, expiresAt, ready.laneOf(message));
        if (journaled(message)) {
            services.store().enqueued(name, message);
        }
        if (expiresAt <= now && ready.count() == 0) {
            // A zero TTL at the head means now or never: straight to a consumer that can take it,
            // else gone. Behind other messages it waits to reach the head, as in RabbitMQ.
            Subscription next = nextWithCredit();
            if (next == null) {
                expired(delivery);
            } else {
                handedOut();
                handOut(delivery, next, next.options().autoAck());
                outbox.add(delivery);
            }
            return;
        }
        ready.addLast(delivery);
        dispatchReady(now);
        while (ready.count() > maxLength || ready.bytes() > maxLengthBytes) {
            let(ready.poll(), DeathReason.MAXLEN);
        }
    }

    /** Per-queue and per-message TTL both count from arrival here; the shorter wins. */
    private long expiresAt(Message message, long now) {
        long ttl = messageTtl;
        Expiration expiration = message.view().expiration();
        if (expiration != null && (ttl < 0 || expiration.millis() < ttl)) {
            ttl = expiration.millis();
        }
        return ttl < 0 ? NEVER : now + ttl;
    }

    /** Serves ready messages while a consumer has credit; expired heads are let go on the way. */
    private void dispatchReady(long now) {
        Delivery head;
        while ((head = ready.peek()) != null) {
            if (head.expiresAt != NEVER) {
                if (now == CLOCK_NOT_READ) {
                    now = services.clock().millis();
                }
                if (head.expiresAt <= now) {
                    ready.poll();
                    expired(head);
                    continue;
                }
            }
            Subscription next = nextWithCredit();
            if (next == null) {
                return;
            }
            ready.poll();
            handedOut();
            handOut(head, next, next.options().autoAck());
            outbox.add(head);
        }
    }

    private Subscription nextWithCredit() {
        if (consumersBlocked) {
            return null;
        }
        Subscription next = consumers.nextWithCredit();
        consumersBlocked = next == null;
        return next;
    }

    private void handOut(Delivery delivery, Subscription to, boolean autoAck) {
        delivery.subscription = to;
        if (autoAck) {
            delivery.state = Delivery.State.SETTLED;
            forget(delivery.message);
        } else {
            delivery.state = Delivery.State.UNACKED;
            unacked++;
        }
    }

    private void settleLocked(Delivery delivery, Settlement how) {
        if (delivery.queue != this) {
            throw new IllegalArgumentException("delivery of " + delivery.queue.name + " settled on " + name);
        }
        if (delivery.state != Delivery.State.UNACKED) {
            return;
        }
        unacked--;
        switch (how) {
            case ACK -> {
                delivery.state = Delivery.State.SETTLED;
                forget(delivery.message);
            }
            case REQUEUE -> {
                delivery.state = Delivery.State.READY;
                delivery.redelivered = true;
                delivery.subscription = null;
                ready.putBack(delivery);
            }
            case REJECT -> let(delivery, DeathReason.REJECTED);
        }
    }

    private void expired(Delivery delivery) {
        let(delivery, DeathReason.EXPIRED);
    }

    private void dropped(Delivery delivery) {
        delivery.state = Delivery.State.SETTLED;
        forget(delivery.message);
    }

    /** A message leaves for good: to the dead-letter exchange if there is one, else nowhere. */
    private void let(Delivery delivery, DeathReason reason) {
        delivery.state = Delivery.State.SETTLED;
        forget(delivery.message);
        deadLetter(delivery.message, reason);
    }

    private void deadLetter(Message message, DeathReason reason) {
        if (hasDeadLetterExchange) {
            outbox.add(new Notice.DeadLettered(this, message, reason, services.deadLetters()));
        }
    }

    private void forget(Message message) {
        if (journaled(message)) {
            services.store().removed(name, message);
        }
    }

    private boolean journaled(Message message) {
        return settings.durable() && message.persistent();
    }

    private boolean isUnusedTooLong(long now) {
        return consumers.isEmpty() && now - lastUsed >= expiresAfter;
    }

    /** Marks the queue deleted, drops its messages and tells its consumers (via the outbox). */
    private int markDeleted() {
        deleted = true;
        int dropped = ready.count();
        ready.clear(d -> d.state = Delivery.State.SETTLED);
        for (Subscription subscription : consumers.removeAll()) {
            outbox.add(new Notice.Cancelled(subscription.consumer()));
        }
        nextExpiry = NEVER;
        updateBacklog(); // its publishers go on: they publish into nothing now
        return dropped;
    }
}
