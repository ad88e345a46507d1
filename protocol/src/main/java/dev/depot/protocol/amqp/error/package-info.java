/**
 * AMQP exceptions: {@link dev.depot.protocol.amqp.error.ReplyCode} (the spec's reply codes and
 * whether each closes a channel or the connection) and
 * {@link dev.depot.protocol.amqp.error.AmqpException}, the one exception the AMQP codec throws on
 * bad input. Depends on nothing else in the codec.
 */
package dev.depot.protocol.amqp.error;
