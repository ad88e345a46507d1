package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.error.AmqpException;

/**
 * The input broke the framing rules or could not be decoded. Always a connection exception: the
 * server sends connection.close with {@code error}'s code, text and method ids, and the decoder
 * discards everything that follows.
 */
public record DecodeFailure(AmqpException error) implements AmqpInbound {
}
