/**
 * The AMQP 0-9-1 broker model: what RabbitMQ keeps for each virtual host, without sockets or
 * codecs (the server layer owns connections, channels, delivery tags, prefetch accounting and
 * the wire format, and drives this model).
 *
 * <p>What is where, bottom up (each package uses only those before it):
 * <ul>
 *   <li>this package: the shared vocabulary: {@link dev.depot.storage.broker.BrokerException}
 *       with its {@link dev.depot.storage.broker.ReplyCode} and RabbitMQ's reply texts,
 *       {@link dev.depot.storage.broker.ResourceName}, decoded field-table values and their
 *       comparisons ({@link dev.depot.storage.broker.FieldValues}), redeclaration checks
 *       ({@link dev.depot.storage.broker.Equivalence});</li>
 *   <li>{@code message}: the immutable, shared message and its decoded properties;</li>
 *   <li>{@code routing}: the routing tables (direct, fanout, topic trie, headers);</li>
 *   <li>{@code queue}: the delivery engine of one queue, its consumers and unacked deliveries;</li>
 *   <li>{@code exchange}: exchanges, their settings and the walk through exchange bindings;</li>
 *   <li>{@code deadletter}: republishing to dead-letter exchanges with the x-death history;</li>
 *   <li>{@code vhost}: the entry point ({@link dev.depot.storage.broker.vhost.Broker}), virtual
 *       hosts with their topology, publishing path and durability hooks.</li>
 * </ul>
 *
 * <p>Threading, in one paragraph: publishing takes no broker-wide or host-wide lock (concurrent
 * maps and routing tables readable while written), each queue has its own short lock, topology
 * changes take their host's lock, which may take a queue's lock but never the reverse, and no
 * callback into the server runs with any broker lock held.
 */
package dev.depot.storage.broker;
