package dev.depot.protocol.amqp.wire;

/** A field value of type 'u' (unsigned 16-bit). */
public record UnsignedShort(int value) {
    public UnsignedShort {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("not an unsigned short: " + value);
        }
    }
}
