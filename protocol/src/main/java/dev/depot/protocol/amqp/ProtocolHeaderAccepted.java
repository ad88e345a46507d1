package dev.depot.protocol.amqp;

/** The client sent the AMQP 0-9-1 header: the server answers with connection.start. */
public record ProtocolHeaderAccepted() implements AmqpInbound {
}
