/**
 * Message properties, the tail of a basic content header.
 * {@link dev.depot.protocol.amqp.content.PropertyBytes} keeps them as sent, for relaying byte for
 * byte, with cheap access to the few a broker acts on and a way to replace the headers;
 * {@link dev.depot.protocol.amqp.content.BasicProperties} is the decoded record;
 * {@link dev.depot.protocol.amqp.content.BasicProperty} is the list of the 14 properties and how
 * each is laid out.
 */
package dev.depot.protocol.amqp.content;
