package dev.depot.protocol.resp;

/**
 * What {@link RespDecoder} emits: a command to run, or the protocol error that ends the
 * connection (after which the decoder emits nothing more).
 */
public sealed interface RespRequest permits RespCommand, RespProtocolError {
}
