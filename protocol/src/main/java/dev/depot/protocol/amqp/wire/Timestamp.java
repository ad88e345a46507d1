package dev.depot.protocol.amqp.wire;

/**
 * A field value of type 'T', and the timestamp message property: seconds since the Unix epoch,
 * an unsigned 64-bit number on the wire kept here as its raw bits (a negative long is a value
 * above 2^63, which no real clock sends but which must survive a round trip).
 */
public record Timestamp(long epochSeconds) {
}
