/**
 * Exchanges: {@link dev.depot.storage.broker.exchange.Exchange} (settings and routing table),
 * {@link dev.depot.storage.broker.exchange.ExchangeType},
 * {@link dev.depot.storage.broker.exchange.ExchangeSettings} (with RabbitMQ's equivalence
 * checks), {@link dev.depot.storage.broker.exchange.Target} (a binding's queue or exchange end)
 * and {@link dev.depot.storage.broker.exchange.RouteWalk}, which follows exchange-to-exchange
 * bindings and alternate exchanges and collects each queue once.
 *
 * <p>Threading: routing reads the exchange's table without locks; binding changes come from
 * the virtual host under its topology lock.
 */
package dev.depot.storage.broker.exchange;
