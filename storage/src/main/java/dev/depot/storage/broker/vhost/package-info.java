/**
 * The entry point: {@link dev.depot.storage.broker.vhost.Broker} (virtual hosts, message ids,
 * the sweep) and {@link dev.depot.storage.broker.vhost.VirtualHost} (declare, delete, bind,
 * publish, exclusive and auto-delete lifecycles, with RabbitMQ's reply codes and texts), its
 * {@link dev.depot.storage.broker.vhost.Topology} (exchanges, queues, bindings and the cascade
 * of removals), {@link dev.depot.storage.broker.vhost.PublishPath} (from an exchange to queues)
 * and the durability hooks
 * ({@link dev.depot.storage.broker.vhost.DefinitionStore},
 * {@link dev.depot.storage.broker.vhost.BrokerJournal}).
 *
 * <p>Threading: a virtual host's exchanges and queues are in concurrent maps, read without
 * locks by publishers. Every topology change takes the host's topology lock, which may then
 * take a queue's lock (never the other way round); consumers are told of deletions after the
 * topology lock is released.
 */
package dev.depot.storage.broker.vhost;
