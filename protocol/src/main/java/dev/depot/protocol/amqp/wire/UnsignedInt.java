package dev.depot.protocol.amqp.wire;

/** A field value of type 'i' (unsigned 32-bit). */
public record UnsignedInt(long value) {
    public UnsignedInt {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an unsigned int: " + value);
        }
    }
}
