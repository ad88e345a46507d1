/**
 * One queue's delivery engine: {@link dev.depot.storage.broker.queue.MessageQueue} with its
 * ready messages ({@link dev.depot.storage.broker.queue.ReadyMessages}: a FIFO per priority,
 * requeued messages back in arrival order), its consumers
 * ({@link dev.depot.storage.broker.queue.ConsumerRing}: consumer priorities, round-robin, single
 * active consumer, exclusive consumers) and its unacknowledged deliveries
 * ({@link dev.depot.storage.broker.queue.Delivery}, the handle the server settles). Arguments are
 * validated by {@link dev.depot.storage.broker.queue.QueueArguments}.
 *
 * <p>The server plugs in as {@link dev.depot.storage.broker.queue.Consumer} (credit check,
 * delivery and cancel callbacks); the virtual host as
 * {@link dev.depot.storage.broker.queue.DeadLetterSink} and
 * {@link dev.depot.storage.broker.queue.QueueLifecycle}; the log as
 * {@link dev.depot.storage.broker.queue.MessageStore}.
 *
 * <p>Threading: each queue has one lock, held briefly for its own bookkeeping by whichever
 * thread calls (publishers, ackers, the sweep). Consumer credit checks and the store hook run
 * under it and must be quick; deliveries, cancel notices, dead letters and auto-delete requests
 * are queued in the {@link dev.depot.storage.broker.queue.Outbox} and run after the lock is
 * released, in order and one thread at a time, so callbacks may call back into the queue.
 */
package dev.depot.storage.broker.queue;
