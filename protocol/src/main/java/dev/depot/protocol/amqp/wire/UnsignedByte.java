package dev.depot.protocol.amqp.wire;

/** A field value of type 'B' (unsigned 8-bit), which Java has no boxed type for. */
public record UnsignedByte(int value) {
    public UnsignedByte {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("not an unsigned byte: " + value);
        }
    }
}
