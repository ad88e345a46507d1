/**
 * Messages: {@link dev.depot.storage.broker.message.Message} (immutable, stored once however
 * many queues hold it: exchange, routing key, the raw property bytes the server relays
 * untouched, the body chunks, a broker-wide id for the log),
 * {@link dev.depot.storage.broker.message.MessageProperties} (the few properties the broker acts
 * on, decoded by the server), {@link dev.depot.storage.broker.message.Expiration} (the
 * expiration property parsed as RabbitMQ does) and
 * {@link dev.depot.storage.broker.message.PropertiesRewriter} (the server's encoder, used to
 * give dead-lettered copies their new headers).
 *
 * <p>Threading: everything here is immutable and shared freely between threads.
 */
package dev.depot.storage.broker.message;
