package dev.depot.protocol.amqp;

/**
 * What {@link AmqpFrameDecoder} emits: first the outcome of the protocol header
 * ({@link ProtocolHeaderAccepted} or {@link ProtocolHeaderRejected}), then {@link Frame}s, and
 * possibly a {@link DecodeFailure}, after which it emits nothing more.
 */
public sealed interface AmqpInbound permits ProtocolHeaderAccepted, ProtocolHeaderRejected, Frame, DecodeFailure {
}
