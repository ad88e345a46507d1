/**
 * The AMQP 0-9-1 wire codec: bytes in, events out, and writers for the way back. No server
 * state; everything here can be driven (and fuzzed) with nothing but buffers.
 *
 * <ul>
 * <li>{@link dev.depot.protocol.amqp.AmqpFrameDecoder}: the Netty decoder of a connection. It
 * emits {@link dev.depot.protocol.amqp.AmqpInbound} events: the protocol header's outcome
 * ({@link dev.depot.protocol.amqp.ProtocolHeaderAccepted},
 * {@link dev.depot.protocol.amqp.ProtocolHeaderRejected}), frames
 * ({@link dev.depot.protocol.amqp.MethodFrame}, {@link dev.depot.protocol.amqp.ContentHeaderFrame},
 * {@link dev.depot.protocol.amqp.ContentBodyFrame} holding a retained slice,
 * {@link dev.depot.protocol.amqp.HeartbeatFrame}) and, last, a
 * {@link dev.depot.protocol.amqp.DecodeFailure}.</li>
 * <li>{@link dev.depot.protocol.amqp.ContentAssembler}: one per channel; turns a method, its
 * content header and its body frames into a {@link dev.depot.protocol.amqp.Command}.</li>
 * <li>{@link dev.depot.protocol.amqp.FrameWriter} and
 * {@link dev.depot.protocol.amqp.ProtocolHeader}: write frames into a buffer.</li>
 * <li>Subpackages: {@code method} (every method as a record, and the method table),
 * {@code content} (message properties, raw and decoded), {@code wire} (shortstr, longstr, field
 * tables and their value types), {@code error} (reply codes and
 * {@link dev.depot.protocol.amqp.error.AmqpException}, the only exception bad input causes).</li>
 * </ul>
 *
 * <p>Dependencies point one way: this package uses {@code method} and {@code content}, which use
 * {@code wire}, and all of them use {@code error}.
 */
package dev.depot.protocol.amqp;
