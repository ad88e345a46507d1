/**
 * Dead-lettering: {@link dev.depot.storage.broker.deadletter.DeadLettering} republishes what a
 * queue lets go (rejected, expired, over its length) through its dead-letter exchange,
 * {@link dev.depot.storage.broker.deadletter.DeathHistory} keeps the x-death header and decides
 * which routes would close a cycle of automatic deaths (those are dropped, as in RabbitMQ).
 *
 * <p>Threading: runs on the thread that made the message die, after the dying queue released
 * its lock; it holds no lock itself and enters the target queues like any publisher.
 */
package dev.depot.storage.broker.deadletter;
