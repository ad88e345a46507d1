package dev.depot.protocol.amqp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A field value of type 'x' (RabbitMQ's byte array), compared by content so that tables holding
 * one compare as values. The array is not copied: do not change it.
 */
public record ByteArray(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ByteArray other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ByteArray[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
