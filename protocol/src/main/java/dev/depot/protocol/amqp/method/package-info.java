/**
 * AMQP 0-9-1 methods. {@link dev.depot.protocol.amqp.method.MethodKind} is the method table
 * (ids, names, which carry content); {@link dev.depot.protocol.amqp.method.Method} is a sealed
 * interface with one sub-interface per class ({@code ConnectionMethod}, {@code ChannelMethod},
 * {@code AccessMethod}, {@code ExchangeMethod}, {@code QueueMethod}, {@code BasicMethod}, {@code ConfirmMethod},
 * {@code TxMethod}) whose nested records are the methods, each reading and writing its own
 * arguments through {@link dev.depot.protocol.amqp.method.MethodReader} and
 * {@link dev.depot.protocol.amqp.method.MethodWriter} (which pack bits).
 * {@link dev.depot.protocol.amqp.method.Methods} turns a method frame's payload into a record and
 * back.
 */
package dev.depot.protocol.amqp.method;
